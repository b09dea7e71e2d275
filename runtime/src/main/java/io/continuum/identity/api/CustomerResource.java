package io.continuum.identity.api;

import io.continuum.access.Roles;
import io.continuum.consent.ConsentState;
import io.continuum.consent.Consents;
import io.continuum.identity.Customer;
import io.continuum.identity.CustomerIdentifier;
import io.continuum.identity.CustomerMerge;
import io.continuum.identity.IdentityService;
import io.continuum.identity.SlaTier;
import io.continuum.platform.Pagination;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final IdentityService identity;
    private final Consents consents;
    private final SecurityIdentity caller;

    CustomerResource(IdentityService identity, Consents consents, SecurityIdentity caller) {
        this.identity = identity;
        this.consents = consents;
        this.caller = caller;
    }

    public record IdentifierView(String kind, String network, String value, boolean verified, Instant createdAt) {
    }

    public record MergeView(UUID id, UUID survivingId, UUID mergedId, String reason, String identifierKind,
                            String identifierValue, UUID triggeringMessageId, String actor, Instant mergedAt,
                            Instant unmergedAt, String unmergedBy) {
    }

    public record CustomerView(UUID id, String displayName, String company, String tier, List<String> tags,
                               List<String> segments, List<String> riskFlags, Map<String, Object> metadata,
                               boolean anonymous, UUID mergedInto, List<IdentifierView> identifiers,
                               List<IdentityService.Claim> claims, List<MergeView> merges, Instant createdAt,
                               Instant updatedAt, Instant erasedAt, List<ConsentState> consents, String language) {
    }

    public record ClaimConfirmation(String kind, String value) {
    }

    public record CustomerSummary(UUID id, String displayName, String company, String tier, boolean anonymous,
                                  Instant createdAt) {
    }

    public record CustomerPage(List<CustomerSummary> items, String nextCursor) {
    }

    public record MergeRequest(UUID otherId) {
    }

    public record CustomerPatch(String displayName, String company, String tier, List<String> tags,
                                List<String> segments, List<String> riskFlags) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API})
    @Operation(summary = "Find customers by e-mail, phone (any format) or q; oldest first",
            description = "Names and identifiers are stored encrypted and found by their blind index, so every criterion "
                    + "matches a whole identifier: q is an e-mail address, a phone number or a social id, never part of a name.")
    public CustomerPage search(@QueryParam("email") String email, @QueryParam("phone") String phone,
                               @QueryParam("q") String text, @QueryParam("limit") @DefaultValue("50") int limit,
                               @QueryParam("after") String after) {
        int pageSize = Pagination.pageSize(limit);
        List<Customer> customers = identity.search(Optional.ofNullable(email), Optional.ofNullable(phone),
                Optional.ofNullable(text), Pagination.cursor(after), pageSize);
        List<CustomerSummary> items = customers.stream()
                .map(c -> new CustomerSummary(c.id, c.displayName, c.company, c.tier, c.anonymous, c.createdAt))
                .toList();
        return new CustomerPage(items, Pagination.next(items.size(), pageSize, () -> items.get(items.size() - 1).id()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.ENGINEER})
    @Operation(summary = "A customer's profile, identity graph, tier, tags, segments, risk flags, merge history and consents")
    public CustomerView get(@PathParam("id") UUID id) {
        Customer customer = identity.find(id).orElseThrow(() -> ProblemException.notFound("Customer", id));
        return view(customer);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Change profile fields, tier, tags, segments or risk flags")
    public CustomerView update(@PathParam("id") UUID id, CustomerPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("The body must be a JSON object of the fields to change");
        }
        Optional<SlaTier> tier = Optional.ofNullable(patch.tier()).map(value -> {
            try {
                return SlaTier.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Unknown tier " + value)
                        .withErrors(List.of(Problem.FieldError.ofField("tier", "must be free, standard, premium or enterprise"))));
            }
        });
        Customer customer = identity.update(id, new IdentityService.CustomerChanges(Optional.ofNullable(patch.displayName()),
                Optional.ofNullable(patch.company()), tier, Optional.ofNullable(patch.tags()),
                Optional.ofNullable(patch.segments()), Optional.ofNullable(patch.riskFlags())), caller.getPrincipal().getName());
        return view(customer);
    }

    @POST
    @Path("/{id}/merge")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Merge customer otherId into this one: its identifiers and conversations move here")
    public MergeView merge(@PathParam("id") UUID id, MergeRequest request) {
        if (request == null || request.otherId() == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "otherId is required")
                    .withErrors(List.of(Problem.FieldError.ofField("otherId", "must be a customer id"))));
        }
        return view(identity.mergeManually(id, request.otherId(), caller.getPrincipal().getName()));
    }

    @POST
    @Path("/{id}/claims/confirm")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "An agent who checked a claim confirms it: the claimant joins the customer who owns it, or the address becomes verified",
            description = "For a claim shown as 'says they are … — unverified' (claims[] of the customer). Undo with unmerge.")
    public CustomerView confirmClaim(@PathParam("id") UUID id, ClaimConfirmation request) {
        if (request == null || request.kind() == null || request.value() == null) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "kind and value are required")
                    .withErrors(List.of(Problem.FieldError.ofField("value", "the claimed identifier, as listed in claims[]"))));
        }
        UUID confirmed = identity.confirmClaim(id, request.kind(), request.value(), caller.getPrincipal().getName());
        return view(identity.find(confirmed).orElseThrow());
    }

    @POST
    @Path("/{id}/unmerge")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Undo a merge: {id} is the merged customer, or the survivor with {otherId} the merged one")
    public MergeView unmerge(@PathParam("id") UUID id, MergeRequest request) {
        String supervisor = caller.getPrincipal().getName();
        CustomerMerge merge = request == null || request.otherId() == null
                ? identity.unmerge(id, supervisor)
                : identity.unmerge(id, request.otherId(), supervisor);
        return view(merge);
    }

    private CustomerView view(Customer customer) {
        List<IdentifierView> identifiers = identity.identifiersOf(customer.id).stream()
                .map(CustomerResource::view).toList();
        List<MergeView> merges = identity.mergesOf(customer.id).stream().map(CustomerResource::view).toList();
        return new CustomerView(customer.id, customer.displayName, customer.company, customer.tier,
                List.copyOf(customer.tags), List.copyOf(customer.segments), List.copyOf(customer.riskFlags),
                customer.metadata, customer.anonymous, customer.mergedInto, identifiers, identity.claimsOf(customer.id),
                merges, customer.createdAt, customer.updatedAt, customer.erasedAt, consents.currentOf(customer.id),
                customer.language);
    }

    private static IdentifierView view(CustomerIdentifier identifier) {
        return new IdentifierView(identifier.kind, identifier.network.isEmpty() ? null : identifier.network,
                identifier.value, identifier.verified, identifier.createdAt);
    }

    private static MergeView view(CustomerMerge merge) {
        return new MergeView(merge.id, merge.survivingId, merge.mergedId, merge.reason, merge.identifierKind,
                merge.identifierValue, merge.triggeringMessageId, merge.actor, merge.mergedAt, merge.unmergedAt,
                merge.unmergedBy);
    }
}
