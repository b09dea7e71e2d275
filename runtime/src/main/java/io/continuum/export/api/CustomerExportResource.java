package io.continuum.export.api;

import io.continuum.access.Roles;
import io.continuum.export.CustomerExport;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/v1/customers")
public class CustomerExportResource {

    static final String ZIP = "application/zip";

    private final CustomerExport export;
    private final SecurityIdentity caller;

    CustomerExportResource(CustomerExport export, SecurityIdentity caller) {
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/export")
    @Produces(ZIP)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Everything held about a customer (GDPR access), as a zip archive written as it is read: "
            + "customer.json (profile, identifiers, merges, consents), conversations.json (every message and decision), "
            + "audit.json and the attachments' files")
    public Response export(@PathParam("id") UUID id) {
        CustomerExport.Profile profile = export.start(id, caller.getPrincipal().getName());
        StreamingOutput body = out -> export.write(profile, out);
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"customer-" + id + ".zip\"")
                .build();
    }
}
