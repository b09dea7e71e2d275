package io.continuum.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unknown paths answer problem JSON too (the Kogito jobs service ships its own mapper for this type). */
@Provider
@Priority(1)
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(NotFoundException exception) {
        return ProblemExceptionMappers.respond(
                Problem.of(404, "not-found", "Not Found", "No resource at this path"), uriInfo);
    }
}
