package io.continuum.audit.api;

import io.continuum.access.Roles;
import io.continuum.audit.AuditEntry;
import io.continuum.audit.AuditTrail;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail auditTrail;

    AuditResource(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    public record AuditView(long id, String entityType, UUID entityId, String action, String actorType, String actor,
                            String actorVersion, Map<String, Object> before, Map<String, Object> after, Instant occurredAt) {
    }

    public record AuditPage(List<AuditView> items, String nextCursor) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "The audit trail of one entity (customer, conversation, policy…), oldest first")
    public AuditPage trail(@QueryParam("entityId") UUID entityId,
                           @QueryParam("limit") @DefaultValue("50") int limit,
                           @QueryParam("after") String after) {
        if (entityId == null) {
            throw ProblemException.badRequest("Query parameter entityId is required");
        }
        int pageSize = Math.max(1, Math.min(limit, 200));
        long afterId = parseCursor(after);
        List<AuditEntry> entries = auditTrail.forEntity(entityId, afterId, pageSize);
        List<AuditView> items = entries.stream().map(this::view).toList();
        String next = entries.size() == pageSize ? Long.toString(entries.get(entries.size() - 1).id) : null;
        return new AuditPage(items, next);
    }

    private static long parseCursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Cursor 'after' is not one this API returned");
        }
    }

    private AuditView view(AuditEntry entry) {
        return new AuditView(entry.id, entry.entityType, entry.entityId, entry.action, entry.actorType, entry.actor,
                entry.actorVersion, entry.beforeState, entry.afterState, entry.occurredAt);
    }
}
