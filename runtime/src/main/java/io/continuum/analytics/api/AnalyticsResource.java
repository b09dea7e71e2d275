package io.continuum.analytics.api;

import io.continuum.access.Roles;
import io.continuum.analytics.CareMetrics;
import io.continuum.analytics.Figures;
import io.continuum.analytics.MetricDrillDown;
import io.continuum.analytics.Metrics;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

@Path("/api/v1/analytics")
@Produces({MediaType.APPLICATION_JSON, CsvDocument.MEDIA_TYPE})
public class AnalyticsResource {

    /** A daily series longer than this is a query for a data warehouse, not for the dashboard. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final List<String> FIGURES = Arrays.stream(Figures.class.getRecordComponents())
            .map(RecordComponent::getName).toList();

    private final CareMetrics metrics;
    private final MetricDrillDown drillDown;
    private final Clock clock;

    AnalyticsResource(CareMetrics metrics, MetricDrillDown drillDown, Clock clock) {
        this.metrics = metrics;
        this.drillDown = drillDown;
        this.clock = clock;
    }

    /** The window asked for, checked once for both the figures and their drill-down. */
    private record Window(Instant from, Instant to) {
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "First response and resolution times, AI deflection and override rates, SLA breach and "
            + "reopen rates over [from, to) by UTC day (default: the last 30 days), plus queues and agent load now. "
            + "As CSV (Accept: text/csv or format=csv): one row per day and a total row, every figure a column, or "
            + "only the one named by `figure` (e.g. slaBreachRate)")
    @APIResponseSchema(Metrics.class)
    public Response metrics(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("format") String format, @QueryParam("figure") String figure,
                            @Context HttpHeaders headers) {
        Window window = window(from, to);
        List<String> columns = figure == null || figure.isBlank() ? FIGURES : List.of(knownFigure(figure.trim()));
        Metrics computed = metrics.compute(window.from(), window.to());
        if (!wantsCsv(format, headers)) {
            return Response.ok(computed, MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        computed.series().forEach(day -> rows.add(figureRow(day.day().toString(), day.figures(), columns)));
        rows.add(figureRow("total", computed.totals(), columns));
        return csv(CsvDocument.of(Stream.concat(Stream.of("day"), columns.stream()).toList(), rows),
                "metrics" + (columns.size() == 1 ? "-" + columns.get(0) : "") + ".csv");
    }

    @GET
    @Path("/metrics/{figure}/conversations")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The conversations behind a figure (conversations, responded, deflected, sla-tracked, "
            + "sla-breached, resolved, reopened, classified, corrected, surveys-sent, surveys-answered) on one UTC "
            + "`day` (YYYY-MM-DD) or over [from, to) (default: the last 30 days), oldest first, at most 500; "
            + "as CSV with Accept: text/csv or format=csv")
    @APIResponseSchema(MetricDrillDown.Listed.class)
    public Response conversations(@PathParam("figure") String figure, @QueryParam("day") String day,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("format") String format, @Context HttpHeaders headers) {
        MetricDrillDown.Figure which = MetricDrillDown.Figure.fromWire(figure).orElseThrow(() -> new ProblemException(
                Problem.of(404, "not-found", "Not Found", "No figure '" + figure + "' lists conversations; these do: "
                        + Arrays.stream(MetricDrillDown.Figure.values()).map(MetricDrillDown.Figure::wireName).toList())));
        Window window = day == null || day.isBlank() ? window(from, to) : dayWindow(day.trim());
        MetricDrillDown.Listed listed = drillDown.list(which, window.from(), window.to());
        if (!wantsCsv(format, headers)) {
            return Response.ok(listed, MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<List<Object>> rows = listed.conversations().stream().<List<Object>>map(row -> Arrays.asList(row.id(),
                row.createdAt(), row.channel(), row.state(), row.queue(), row.intent(), row.severity(), row.assignee(),
                row.resolvedAt())).toList();
        return csv(CsvDocument.of(List.of("id", "createdAt", "channel", "state", "queue", "intent", "severity",
                "assignee", "resolvedAt"), rows), which.wireName() + "-conversations.csv");
    }

    private Window window(String from, String to) {
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(DEFAULT_WINDOW));
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
            throw ProblemException.badRequest("The window may span at most 366 days");
        }
        return new Window(start, end);
    }

    private static Window dayWindow(String day) {
        try {
            Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
            return new Window(start, start.plus(Duration.ofDays(1)));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'day' must be a date such as 2026-11-01");
        }
    }

    private static String knownFigure(String figure) {
        if (!FIGURES.contains(figure)) {
            throw ProblemException.badRequest("'figure' must be one of " + FIGURES);
        }
        return figure;
    }

    /** CSV when asked by name (format=csv) or when the caller's preferred type is CSV. */
    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badRequest("'format' must be json or csv");
            };
        }
        return headers.getAcceptableMediaTypes().stream().findFirst()
                .filter(type -> !type.isWildcardType() && type.isCompatible(MediaType.valueOf(CsvDocument.MEDIA_TYPE)))
                .isPresent();
    }

    private static List<Object> figureRow(String label, Figures figures, List<String> columns) {
        List<Object> row = new ArrayList<>();
        row.add(label);
        for (String column : columns) {
            try {
                row.add(Figures.class.getMethod(column).invoke(figures));
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Figures has no readable " + column, e);
            }
        }
        return row;
    }

    private static Response csv(String document, String fileName) {
        return Response.ok(document, CsvDocument.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
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
