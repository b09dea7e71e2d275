package io.continuum.decisions.api;

import io.continuum.decisions.engine.PolicyEvaluationException;
import io.continuum.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Inputs a policy cannot evaluate are the caller's to fix: 422 with the engine's reason. */
@Provider
@Priority(1)
public class PolicyEvaluationMapper implements ExceptionMapper<PolicyEvaluationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(PolicyEvaluationException exception) {
        Problem problem = Problem.of(422, "policy-evaluation", "Unprocessable Content", exception.getMessage())
                .withInstance(uriInfo.getPath());
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
