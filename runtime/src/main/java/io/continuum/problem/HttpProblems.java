package io.continuum.problem;

/** The problems the HTTP security layer answers, shared by the JAX-RS mappers and the Vert.x handler. */
final class HttpProblems {

    private HttpProblems() {
    }

    static Problem unauthorized() {
        return Problem.of(401, "unauthorized", "Unauthorized", "Sign in: send HTTP Basic credentials or an OIDC bearer token");
    }

    static Problem forbidden() {
        return Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this operation");
    }
}
