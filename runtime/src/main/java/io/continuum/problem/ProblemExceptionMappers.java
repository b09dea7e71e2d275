package io.continuum.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every exception that reaches JAX-RS into problem JSON. Messages of unexpected
 * exceptions are logged (they may contain customer data, so only the class and a reference)
 * and never sent to the caller.
 */
public final class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    private ProblemExceptionMappers() {
    }

    static Response respond(Problem problem, UriInfo uriInfo) {
        Problem located = uriInfo == null ? problem : problem.withInstance(uriInfo.getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(located).build();
    }

    @Provider
    @Priority(1)
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ProblemException exception) {
            return respond(exception.problem(), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class UnauthorizedMapper implements ExceptionMapper<UnauthorizedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(UnauthorizedException exception) {
            return respond(HttpProblems.unauthorized(), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(AuthenticationFailedException exception) {
            return respond(HttpProblems.unauthorized(), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ForbiddenException exception) {
            return respond(HttpProblems.forbidden(), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ConstraintViolationException exception) {
            List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                    .map(v -> Problem.FieldError.ofField(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .toList();
            return respond(Problem.of(400, "validation", "Bad Request", "The request has invalid fields")
                    .withErrors(errors), uriInfo);
        }

        private static String lastNode(String path) {
            int argumentStart = path.indexOf('.', path.indexOf('.') + 1);
            return argumentStart < 0 ? path : path.substring(argumentStart + 1);
        }
    }

    @Provider
    @Priority(1)
    public static class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonMappingException exception) {
            String field = exception.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Problem problem = Problem.of(400, "malformed-json", "Bad Request",
                    field.isEmpty() ? "The body is not valid JSON for this request" : "Field '" + field + "' has the wrong type or format");
            return respond(field.isEmpty() ? problem : problem.withErrors(List.of(Problem.FieldError.ofField(field, "wrong type or format"))), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class JsonProcessingMapper implements ExceptionMapper<JsonProcessingException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonProcessingException exception) {
            var location = exception.getLocation();
            Problem problem = Problem.of(400, "malformed-json", "Bad Request", "The body is not valid JSON");
            if (location != null) {
                problem = problem.withErrors(List.of(Problem.FieldError.ofPosition(location.getLineNr(), location.getColumnNr(),
                        exception.getOriginalMessage())));
            }
            return respond(problem, uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(WebApplicationException exception) {
            int status = exception.getResponse().getStatus();
            Response.StatusType statusType = exception.getResponse().getStatusInfo();
            String detail = status >= 500 ? "The server could not complete the request" : exception.getMessage();
            return respond(Problem.of(status, "http-" + status, statusType.getReasonPhrase(), detail), uriInfo);
        }
    }

    @Provider
    @Priority(1)
    public static class UnexpectedMapper implements ExceptionMapper<Exception> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(Exception exception) {
            if (DatabaseUnavailable.causes(exception)) {
                LOG.warnf("Database unavailable (%s): answered 503", exception.getClass().getName());
                Response problem = respond(DatabaseUnavailable.problem(), uriInfo);
                return Response.fromResponse(problem).header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
            }
            if (ConcurrentUpdate.causes(exception)) {
                return respond(ConcurrentUpdate.problem(), uriInfo);
            }
            String reference = java.util.UUID.randomUUID().toString();
            LOG.errorf("Unexpected %s, reference %s", exception.getClass().getName(), reference);
            LOG.debug("Unexpected exception detail", exception);
            return respond(Problem.of(500, "internal", "Internal Server Error",
                    "The server could not complete the request (reference " + reference + ")"), uriInfo);
        }
    }
}
