package io.continuum.csat.api;

import io.continuum.access.Roles;
import io.continuum.audit.Actor;
import io.continuum.csat.CsatSurvey;
import io.continuum.csat.CsatSurveys;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/conversations/{id}/csat-requests")
@Produces(MediaType.APPLICATION_JSON)
public class CsatRequestResource {

    private final CsatSurveys surveys;
    private final SecurityIdentity caller;

    CsatRequestResource(CsatSurveys surveys, SecurityIdentity caller) {
        this.surveys = surveys;
        this.caller = caller;
    }

    /** A survey as its requester sees it: never the customer's comment. */
    public record SurveyView(UUID id, UUID conversationId, String channel, UUID messageId, Instant requestedAt,
                             Instant expiresAt, Integer score, Instant answeredAt) {

        static SurveyView of(CsatSurvey survey) {
            return new SurveyView(survey.id, survey.conversationId, survey.channel, survey.messageId, survey.requestedAt,
                    survey.expiresAt, survey.score == null ? null : survey.score.intValue(), survey.answeredAt);
        }
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.API})
    @Operation(summary = "Send the customer a satisfaction survey for the conversation's latest resolution: 201 when "
            + "it went out, 200 with the survey already out for that resolution, 409 when the conversation is not "
            + "resolved or the customer has not consented to surveys")
    public Response request(@PathParam("id") UUID conversationId) {
        CsatSurveys.Request outcome = surveys.request(conversationId, Actor.human(caller.getPrincipal().getName()));
        if (outcome instanceof CsatSurveys.Request.Sent sent) {
            return Response.status(Response.Status.CREATED).entity(SurveyView.of(sent.survey())).build();
        }
        if (outcome instanceof CsatSurveys.Request.AlreadySent already) {
            return Response.ok(SurveyView.of(already.survey())).build();
        }
        if (outcome instanceof CsatSurveys.Request.NoConsent noConsent) {
            throw new ProblemException(Problem.of(409, "no-survey-consent", "Conflict",
                    "The customer has not consented to surveys").withExtension("consent", noConsent.consentStatus()));
        }
        CsatSurveys.Request.NotResolved notResolved = (CsatSurveys.Request.NotResolved) outcome;
        throw new ProblemException(Problem.of(409, "not-resolved", "Conflict",
                "Only a resolved conversation is surveyed").withExtension("state", notResolved.state()));
    }
}
