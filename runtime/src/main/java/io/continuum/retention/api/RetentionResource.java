package io.continuum.retention.api;

import io.continuum.access.Roles;
import io.continuum.retention.RetentionJob;
import io.continuum.retention.RetentionRun;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/retention/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    static final int RECENT_RUNS = 30;

    private final RetentionJob job;
    private final SecurityIdentity caller;

    RetentionResource(RetentionJob job, SecurityIdentity caller) {
        this.job = job;
        this.caller = caller;
    }

    public record RunView(UUID id, LocalDate scheduledDay, String startedBy, Instant startedAt, Instant finishedAt,
                          int evaluated, int kept, int redacted, int erased, int failed) {

        static RunView of(RetentionRun run) {
            return new RunView(run.id, run.scheduledDay, run.startedBy, run.startedAt, run.finishedAt, run.evaluated,
                    run.kept, run.redacted, run.erased, run.failed);
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run retention now with the live retention-policy; answers when the run is done",
            description = "Every conversation whose content is still held is decided (keep, redact-content, erase-customer), "
                    + "applied and logged; what was redacted or erased before is left alone.")
    public RunView runNow() {
        return RunView.of(job.runNow(caller.getPrincipal().getName()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "The latest retention runs, newest first, with what each did")
    public List<RunView> runs() {
        return job.recentRuns(RECENT_RUNS).stream().map(RunView::of).toList();
    }
}
