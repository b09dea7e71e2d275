package io.continuum.automations.api;

import io.continuum.access.Roles;
import io.continuum.automations.SupervisorNotification;
import io.continuum.automations.SupervisorNotifications;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The notifications automations raised for supervisors (notify-supervisor), and acknowledging one. */
@Path("/api/v1/supervisor-notifications")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisorNotificationResource {

    private final SupervisorNotifications notifications;
    private final SecurityIdentity caller;

    SupervisorNotificationResource(SupervisorNotifications notifications, SecurityIdentity caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    public record NotificationView(UUID id, UUID conversationId, String automation, String row, String reason,
                                   Instant createdAt, String acknowledgedBy, Instant acknowledgedAt) {

        static NotificationView of(SupervisorNotification notification) {
            return new NotificationView(notification.id, notification.conversationId, notification.automation,
                    notification.rowId, notification.reason, notification.createdAt, notification.acknowledgedBy,
                    notification.acknowledgedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Notifications automations raised that no supervisor acknowledged yet, newest first")
    public List<NotificationView> open() {
        return notifications.open().stream().map(NotificationView::of).toList();
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Mark a notification as seen; it leaves every supervisor's list (again: no change)")
    public NotificationView acknowledge(@PathParam("id") UUID id) {
        return notifications.acknowledge(id, caller.getPrincipal().getName()).map(NotificationView::of)
                .orElseThrow(() -> ProblemException.notFound("Supervisor notification", id));
    }
}
