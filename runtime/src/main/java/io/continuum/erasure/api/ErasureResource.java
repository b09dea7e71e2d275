package io.continuum.erasure.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.erasure.Erasure;
import io.continuum.erasure.CustomerErasure;
import io.continuum.erasure.ErasureReason;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final CustomerErasure erasure;
    private final SecurityIdentity caller;

    ErasureResource(CustomerErasure erasure, SecurityIdentity caller) {
        this.erasure = erasure;
        this.caller = caller;
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Erase a customer and everyone merged with them (reason: customer-request, retention-ended or "
            + "legal-obligation): their data key is destroyed and derived plaintext deleted; conversations stay as shells")
    public Erasure erase(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        ErasureReason why;
        try {
            why = ErasureReason.fromWire(reason);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "Say why the customer is erased")
                    .withErrors(List.of(Problem.FieldError.ofField("reason",
                            "must be customer-request, retention-ended or legal-obligation"))));
        }
        return erasure.erase(id, why, Actor.human(caller.getPrincipal().getName()));
    }
}
