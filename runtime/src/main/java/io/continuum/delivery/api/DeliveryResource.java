package io.continuum.delivery.api;

import io.continuum.access.Roles;
import io.continuum.delivery.Delivery;
import io.continuum.delivery.DeliveryAttempt;
import io.continuum.delivery.OutboundDelivery;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final OutboundDelivery deliveries;

    DeliveryResource(OutboundDelivery deliveries) {
        this.deliveries = deliveries;
    }

    public record AttemptView(int attempt, String channel, Instant startedAt, Instant finishedAt, String outcome, String detail) {
    }

    public record DeliveryView(UUID id, UUID messageId, UUID conversationId, String channel, String fallbackFrom, String status,
                               int attempts, Instant nextAttemptAt, String lastError, String providerMessageId,
                               String providerStatus, Instant updatedAt, List<AttemptView> history) {
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Replies that could not be delivered after every retry, newest first")
    public List<DeliveryView> deadLetters(@QueryParam("limit") @DefaultValue("50") int limit) {
        return deliveries.deadLetters(Math.max(1, Math.min(limit, 500))).stream().map(this::view).toList();
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API})
    @Operation(summary = "The delivery of one outbound message, with every attempt")
    public DeliveryView ofMessage(@QueryParam("messageId") UUID messageId) {
        if (messageId == null) {
            throw ProblemException.badRequest("messageId is required");
        }
        return deliveries.ofMessage(messageId).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("Delivery of message", messageId));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Send a dead letter again (one more full round of attempts); 409 unless it is a dead letter")
    public Response retry(@PathParam("id") UUID id, @Context SecurityContext security) {
        Delivery delivery = deliveries.retry(id, security.getUserPrincipal().getName());
        return Response.accepted(view(delivery)).build();
    }

    private DeliveryView view(Delivery delivery) {
        List<AttemptView> history = deliveries.attemptsOf(delivery.id).stream()
                .map((DeliveryAttempt a) -> new AttemptView(a.attempt, a.channel, a.startedAt, a.finishedAt, a.outcome, a.detail))
                .toList();
        return new DeliveryView(delivery.id, delivery.messageId, delivery.conversationId, delivery.channel, delivery.fallbackFrom,
                delivery.status, delivery.attempts, delivery.nextAttemptAt, delivery.lastError, delivery.providerMessageId,
                delivery.providerStatus, delivery.updatedAt, history);
    }
}
