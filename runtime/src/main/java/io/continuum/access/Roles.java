package io.continuum.access;

import java.util.List;

/** The roles of Continuum, the same names in Keycloak (realm roles) and for the demo users. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String SUPERVISOR = "supervisor";
    public static final String ANALYST = "analyst";
    public static final String AGENT = "agent";
    public static final String ENGINEER = "engineer";
    public static final String API = "api";
    /** Changes DRL rule sets, whose consequences are Java code; analysts change decision tables only. */
    public static final String DEVELOPER = "developer";

    public static final List<String> ALL = List.of(ADMIN, SUPERVISOR, ANALYST, AGENT, ENGINEER, API, DEVELOPER);

    private Roles() {
    }
}
