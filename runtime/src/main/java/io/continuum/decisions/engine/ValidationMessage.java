package io.continuum.decisions.engine;

/**
 * A problem found while compiling or analysing a policy source. {@code line}/{@code column}
 * point into the source when the engine knows them; {@code element} names the DMN element otherwise.
 */
public record ValidationMessage(Severity severity, Integer line, Integer column, String element, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
