package io.continuum.decisions.engine;

/** The inputs given cannot be evaluated by the policy (missing or mistyped values, engine errors). */
public class PolicyEvaluationException extends RuntimeException {

    public PolicyEvaluationException(String message) {
        super(message);
    }

    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
