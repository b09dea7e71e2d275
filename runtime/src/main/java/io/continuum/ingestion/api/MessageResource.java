package io.continuum.ingestion.api;

import io.continuum.access.Roles;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.connectors.channel.InboundSink.Accepted;
import io.continuum.ingestion.MessageIngestion;
import io.continuum.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageIngestion ingestion;

    MessageResource(MessageIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @RolesAllowed({Roles.API, Roles.ADMIN})
    @Operation(summary = "Accept an inbound message from any channel; answers 202 once it is durably stored",
            description = "Redelivering the same (channel, externalId) answers the original ids with duplicate: true.")
    public Response receive(NormalizedMessage message) {
        if (message == null) {
            throw ProblemException.badRequest("The body must be a NormalizedMessage JSON object");
        }
        Accepted result = ingestion.ingest(message);
        return Response.accepted(result).build();
    }
}
