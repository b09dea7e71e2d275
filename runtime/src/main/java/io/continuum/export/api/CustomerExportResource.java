package io.continuum.export.api;

import io.continuum.access.Roles;
import io.continuum.export.CustomerExport;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/v1/customers")
public class CustomerExportResource {

    private final CustomerExport export;
    private final SecurityIdentity caller;

    CustomerExportResource(CustomerExport export, SecurityIdentity caller) {
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Everything held about a customer (GDPR access): profile, identifiers, merges, conversations "
            + "with every message and decision, audit entries; one JSON document, streamed")
    public Response export(@PathParam("id") UUID id) {
        CustomerExport.Profile profile = export.start(id, caller.getPrincipal().getName());
        StreamingOutput body = out -> export.write(profile, out);
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"customer-" + id + ".json\"")
                .build();
    }
}
