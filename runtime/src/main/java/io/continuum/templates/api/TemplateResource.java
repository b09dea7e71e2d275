package io.continuum.templates.api;

import io.continuum.access.Roles;
import io.continuum.problem.ProblemException;
import io.continuum.templates.CommunicationTemplate;
import io.continuum.templates.CommunicationTemplates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** Customer communication templates, edited by supervisors without code. */
@Path("/api/v1/templates/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final CommunicationTemplates templates;

    TemplateResource(CommunicationTemplates templates) {
        this.templates = templates;
    }

    public record TemplateView(String name, String language, String body, String updatedBy, Instant updatedAt) {
        static TemplateView of(CommunicationTemplate t) {
            return new TemplateView(t.name, t.language, t.body, t.updatedBy, t.updatedAt);
        }
    }

    public record TemplateEdit(@Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language code like en or pt-BR")
                               String language,
                               @NotBlank String body) {
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A template in one language (default en); placeholders are {{name}}")
    public TemplateView get(@PathParam("name") String name, @QueryParam("language") String language) {
        String lang = language == null ? CommunicationTemplates.FALLBACK_LANGUAGE : language;
        return templates.find(name, lang).map(TemplateView::of)
                .orElseThrow(() -> ProblemException.notFound("Template", name + " (" + lang + ")"));
    }

    @PUT
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Create or replace a template's text in one language (default en)")
    public TemplateView put(@PathParam("name") String name, @Valid TemplateEdit edit, @Context SecurityContext security) {
        if (!name.matches("[a-z0-9-]{1,80}")) {
            throw ProblemException.badRequest("A template name is lower-case letters, digits and dashes");
        }
        String language = edit.language() == null ? CommunicationTemplates.FALLBACK_LANGUAGE : edit.language();
        return TemplateView.of(templates.save(name, language, edit.body(), security.getUserPrincipal().getName()));
    }
}
