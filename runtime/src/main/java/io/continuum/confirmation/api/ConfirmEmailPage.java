package io.continuum.confirmation.api;

import io.continuum.confirmation.EmailConfirmations;
import io.continuum.platform.PublicPage;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page a confirmation link opens (public: whoever holds the token owns the mailbox). Opening it
 * only asks; the button confirms, so a mail scanner that follows links confirms nothing. It names
 * neither the address nor the customer; an unknown token is 404, a used, replaced or expired one 410.
 */
@Path("/confirm-email")
public class ConfirmEmailPage {

    private final EmailConfirmations confirmations;

    ConfirmEmailPage(EmailConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page of a confirmation link: a button that confirms the e-mail address (public)")
    public String ask(@QueryParam("token") String token) {
        answer(confirmations.check(token));
        // the token passed the pattern check (43 base64url characters), so it is safe to write into the page
        return PublicPage.html("Confirm your e-mail address",
                "<p>Confirm that this address is yours, so that our replies to your chat reach you by e-mail.</p>"
                        + "<form method=\"post\" action=\"/confirm-email\">"
                        + "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"
                        + "<button type=\"submit\">Confirm my address</button></form>");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Confirm the e-mail address of a confirmation link (public; the token works once)")
    public String confirm(@FormParam("token") String token) {
        answer(confirmations.confirm(token));
        return PublicPage.html("Thank you", "<p>Your address is confirmed: our replies will reach you by e-mail.</p>");
    }

    private static void answer(EmailConfirmations.Outcome outcome) {
        switch (outcome) {
            case UNKNOWN -> throw new ProblemException(Problem.of(404, "not-found", "Not Found",
                    "This confirmation link does not exist"));
            case GONE -> throw new ProblemException(Problem.of(410, "link-gone", "Gone",
                    "This confirmation link was already used, replaced by a newer one, or has expired"));
            case CONFIRMED -> {
            }
        }
    }
}
