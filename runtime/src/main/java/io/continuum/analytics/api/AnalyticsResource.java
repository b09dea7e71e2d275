package io.continuum.analytics.api;

import io.continuum.access.Roles;
import io.continuum.analytics.CareMetrics;
import io.continuum.analytics.Metrics;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    /** A daily series longer than this is a query for a data warehouse, not for the dashboard. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final CareMetrics metrics;
    private final Clock clock;

    AnalyticsResource(CareMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "First response and resolution times, AI deflection and override rates, SLA breach and "
            + "reopen rates over [from, to) by UTC day (default: the last 30 days), plus queues and agent load now")
    public Metrics metrics(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(DEFAULT_WINDOW));
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
            throw ProblemException.badRequest("The window may span at most 366 days");
        }
        return metrics.compute(start, end);
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }
}
