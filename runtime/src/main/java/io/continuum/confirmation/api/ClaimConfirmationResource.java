package io.continuum.confirmation.api;

import io.continuum.access.Roles;
import io.continuum.confirmation.EmailConfirmation;
import io.continuum.confirmation.EmailConfirmations;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers/{id}/claims/send-confirmation")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimConfirmationResource {

    private final EmailConfirmations confirmations;
    private final SecurityIdentity caller;

    ClaimConfirmationResource(EmailConfirmations confirmations, SecurityIdentity caller) {
        this.confirmations = confirmations;
        this.caller = caller;
    }

    public record ConfirmationRequest(String email) {
    }

    /** The request, never its link: only the mailbox sees the token. */
    public record ConfirmationView(UUID id, UUID customerId, String status, String requestedBy, Instant createdAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Mail the owner of an address this customer claimed a link that confirms it (202)",
            description = "Opening the link verifies the address (or joins the customer who owns it) and sends the replies "
                    + "that waited for it by e-mail. A newer link replaces an earlier one.")
    public Response send(@PathParam("id") UUID id, ConfirmationRequest request) {
        if (request == null || request.email() == null || request.email().isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "email is required")
                    .withErrors(List.of(Problem.FieldError.ofField("email", "the claimed address, as listed in claims[]"))));
        }
        EmailConfirmation sent = confirmations.requestByAgent(id, request.email().trim(), caller.getPrincipal().getName());
        return Response.accepted(new ConfirmationView(sent.id, sent.customerId, sent.status, sent.requestedBy, sent.createdAt))
                .build();
    }
}
