package io.continuum.identity.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.consent.ConsentEntry;
import io.continuum.consent.ConsentPurpose;
import io.continuum.consent.ConsentRecord;
import io.continuum.consent.ConsentSource;
import io.continuum.consent.Consents;
import io.continuum.identity.Customer;
import io.continuum.identity.IdentityService;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The consents of a customer, under the customers API (the consent feature knows no customers): the customer
 * must exist, and not be erased, for a consent to be recorded about them.
 */
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerConsentResource {

    static final int MAX_TEXT_SHOWN = 4000;

    private final Consents consents;
    private final IdentityService identity;
    private final SecurityIdentity caller;

    CustomerConsentResource(Consents consents, IdentityService identity, SecurityIdentity caller) {
        this.consents = consents;
        this.identity = identity;
        this.caller = caller;
    }

    public record ConsentRequest(String purpose, Boolean granted, String source, String textShown) {
    }

    @GET
    @Path("/{id}/consents")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API, Roles.ENGINEER, Roles.ANALYST})
    @Operation(summary = "A customer's consents: the current state of every purpose and every record, oldest first")
    public Consents.Overview consents(@PathParam("id") UUID id) {
        requireCustomer(id);
        return consents.overviewOf(id);
    }

    @POST
    @Path("/{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API})
    @Operation(summary = "Record that the customer gave (granted true) or withdrew (granted false) a consent",
            description = "purpose: service-messages, proactive-updates, surveys or marketing; source: web-chat-widget, "
                    + "agent-on-call, api or import; textShown: the words the customer agreed to. Records are never "
                    + "changed: a withdrawal is a new record.")
    public Response record(@PathParam("id") UUID id, ConsentRequest request) {
        Consents.Statement statement = statement(request);
        if (requireCustomer(id).erasedAt != null) {
            throw ProblemException.conflict("customer-erased", "Customer " + id + " was erased; nothing is recorded about them");
        }
        ConsentRecord recorded = consents.record(id, statement, Actor.human(caller.getPrincipal().getName()));
        return Response.status(Response.Status.CREATED).entity(ConsentEntry.of(recorded)).build();
    }

    private Customer requireCustomer(UUID id) {
        return identity.find(id).orElseThrow(() -> ProblemException.notFound("Customer", id));
    }

    private static Consents.Statement statement(ConsentRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The body must be {purpose, granted, source, textShown}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<ConsentPurpose> purpose = ConsentPurpose.fromWire(request.purpose());
        if (purpose.isEmpty()) {
            errors.add(Problem.FieldError.ofField("purpose", "must be service-messages, proactive-updates, surveys or marketing"));
        }
        if (request.granted() == null) {
            errors.add(Problem.FieldError.ofField("granted", "must be true (given) or false (withdrawn)"));
        }
        Optional<ConsentSource> source = ConsentSource.fromWire(request.source());
        if (source.isEmpty()) {
            errors.add(Problem.FieldError.ofField("source", "must be web-chat-widget, agent-on-call, api or import"));
        }
        if (request.textShown() == null || request.textShown().isBlank()) {
            errors.add(Problem.FieldError.ofField("textShown", "must be the text the customer was shown or read"));
        } else if (request.textShown().length() > MAX_TEXT_SHOWN) {
            errors.add(Problem.FieldError.ofField("textShown", "must be at most " + MAX_TEXT_SHOWN + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The consent is incomplete")
                    .withErrors(errors));
        }
        return new Consents.Statement(purpose.orElseThrow(), request.granted(), source.orElseThrow(), request.textShown());
    }
}
