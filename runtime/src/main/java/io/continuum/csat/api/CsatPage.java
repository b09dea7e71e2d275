package io.continuum.csat.api;

import io.continuum.csat.CsatSurveys;
import io.continuum.platform.PublicPage;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page a survey link opens (public: whoever holds the signed token answers that one survey). Opening it
 * only shows the form, so a mail scanner that follows links rates nothing; the form's button records the
 * answer, once. A used link says so, an expired one too (410, as a page the customer can read); a token we
 * did not sign is 404.
 */
@Path("/csat/{token}")
@PermitAll
public class CsatPage {

    private final CsatSurveys surveys;

    CsatPage(CsatSurveys surveys) {
        this.surveys = surveys;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The survey form of a link: a score of 1 to 5 and an optional comment (public)")
    public Response ask(@PathParam("token") String token, @QueryParam("score") Integer preselected) {
        CsatSurveys.Outcome state = surveys.check(token);
        if (state != CsatSurveys.Outcome.OPEN) {
            return closed(state);
        }
        StringBuilder scores = new StringBuilder();
        for (int score = 1; score <= 5; score++) {
            scores.append("<label><input type=\"radio\" name=\"score\" required value=\"").append(score).append('"')
                    .append(preselected != null && preselected == score ? " checked" : "").append("> ").append(score)
                    .append("</label> ");
        }
        // the token matched the signed shape (base64url and a dot), so it is safe to write into the page
        return page(200, "How did we do?", "<form method=\"post\" action=\"/csat/" + token + "\">"
                + "<p>1 is poor, 5 is excellent.</p><fieldset><legend>Your rating</legend>" + scores + "</fieldset>"
                + "<p><label>Anything to add? (optional)<br><textarea name=\"comment\" maxlength=\"" + CsatSurveys.LONGEST_COMMENT
                + "\" rows=\"4\" cols=\"40\"></textarea></label></p><button type=\"submit\">Send</button></form>");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Record the answer of a survey link (public; the link works once, until it expires)")
    public Response answer(@PathParam("token") String token, @FormParam("score") String score,
                           @FormParam("comment") String comment) {
        int value = scoreOf(score);
        if (comment != null && comment.length() > CsatSurveys.LONGEST_COMMENT) {
            throw ProblemException.badRequest("A comment is at most " + CsatSurveys.LONGEST_COMMENT + " characters");
        }
        CsatSurveys.Outcome outcome = surveys.answer(token, value, comment, "link");
        if (outcome != CsatSurveys.Outcome.RECORDED) {
            return closed(outcome);
        }
        return page(200, "Thank you", "<p>Your rating is recorded. Thank you for telling us.</p>");
    }

    private static int scoreOf(String score) {
        if (score != null && score.matches("[1-5]")) {
            return Integer.parseInt(score);
        }
        throw new ProblemException(Problem.of(400, "validation", "Bad Request", "score must be 1 to 5")
                .withErrors(java.util.List.of(Problem.FieldError.ofField("score", "must be 1, 2, 3, 4 or 5"))));
    }

    private static Response closed(CsatSurveys.Outcome state) {
        return switch (state) {
            case ALREADY_ANSWERED -> page(410, "Already answered", "<p>This survey was already answered. Thank you!</p>");
            case EXPIRED -> page(410, "This survey has expired", "<p>This link no longer works: the survey has closed.</p>");
            default -> throw new ProblemException(Problem.of(404, "not-found", "Not Found", "This survey link does not exist"));
        };
    }

    private static Response page(int status, String title, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(PublicPage.html(title, body)).build();
    }
}
