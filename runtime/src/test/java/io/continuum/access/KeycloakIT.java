package io.continuum.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.continuum.support.KeycloakServer;
import io.continuum.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app in the production profile (OIDC on, no demo users) against a real Keycloak with the realm of
 * {@code deploy/keycloak/}: every role's token, taken the way the UI or an integration takes it, does its work
 * and is refused the rest; tokens the realm did not sign for us are refused; and a person signs in through
 * Keycloak's own page in Chromium. The app reaches Keycloak by another address than browsers do, as the nodes of
 * docker-compose.yml do. One Keycloak and one app serve the whole class.
 */
class KeycloakIT {

    private static final String DB = System.getProperty("continuum.keycloak-it.db", "continuum_kc");
    private static final Path WORK_DIR = Path.of("target", "keycloak-app");
    private static final Path UI_DIR = Path.of("..", "designer-ui").toAbsolutePath().normalize();
    private static final String INTEGRATION_CLIENT = "continuum-integration";
    /** The realm's people, by the role each holds; the api role belongs to the integration client's service account. */
    private static final Map<String, String> USERS = Map.of("admin", "alice.admin", "supervisor", "sam.supervisor",
            "analyst", "ana.analyst", "agent", "adam.agent", "engineer", "eve.engineer", "developer", "dan.developer");
    private static final String PASSWORD = "it-" + UUID.randomUUID();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeycloakServer KEYCLOAK = KeycloakServer.fromBuild();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static PackagedApp app;

    @BeforeAll
    static void keycloakAndApp() throws Exception {
        KEYCLOAK.start();
        app = new PackagedApp(KeycloakServer.freePort(), DB, WORK_DIR, Map.of(
                "quarkus.profile", "prod",
                "quarkus.oidc.auth-server-url", KEYCLOAK.backchannelRealmUrl(),
                "continuum.ui.oidc-auth-server-url", KEYCLOAK.realmUrl(),
                "continuum.ui.identity-provider-origin", KEYCLOAK.origin(),
                "continuum.privacy.master-key", freshMasterKey()));
        app.freshDatabase();
        app.start("keycloak");
        KEYCLOAK.allowRedirectsTo(KeycloakServer.UI_CLIENT, appUrl());
        for (Map.Entry<String, String> user : USERS.entrySet()) {
            KEYCLOAK.setPassword(user.getValue(), PASSWORD);
            TOKENS.put(user.getKey(), KEYCLOAK.signIn(user.getValue(), PASSWORD, appUrl() + "/"));
        }
        TOKENS.put("api", KEYCLOAK.clientCredentials(KeycloakServer.REALM, INTEGRATION_CLIENT, KEYCLOAK.clientSecret(INTEGRATION_CLIENT)));
    }

    /** Production draws no master key of its own: it is configured, as an operator would. */
    private static String freshMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
        KEYCLOAK.stop();
    }

    @Test
    void everyRolesTokenSignsInAsItsHolderWithThatRoleOnly() throws Exception {
        assertThat(TOKENS).hasSize(Roles.ALL.size());
        for (String role : Roles.ALL) {
            HttpResponse<String> me = call(role, "GET", "/api/v1/me", null);
            assertThat(me.statusCode()).as("GET /api/v1/me as %s: %s", role, me.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(me.body());
            assertThat(body.get("username").asText()).isEqualTo(USERS.getOrDefault(role, "service-account-" + INTEGRATION_CLIENT));
            assertThat(body.get("roles")).as("roles of %s", role).containsExactly(JSON.getNodeFactory().textNode(role));
            assertThat(body.get("authMode").asText()).isEqualTo("oidc");
        }
    }

    @Test
    void eachRoleDoesItsWorkAndIsRefusedWhatItMayNot() throws Exception {
        ObjectNode message = JSON.createObjectNode().put("channel", "email").put("externalId", "kc-" + UUID.randomUUID())
                .put("content", "My invoice shows a double charge").put("receivedAt", Instant.now().toString());
        message.putObject("from").put("email", "kim@customer.example").put("name", "Kim");
        message.putArray("attachments");

        HttpResponse<String> accepted = call("api", "POST", "/api/v1/messages", message);
        assertThat(accepted.statusCode()).as("an integration posts a message: %s", accepted.body()).isEqualTo(202);
        String conversation = JSON.readTree(accepted.body()).get("conversationId").asText();
        assertRefused("agent", "POST", "/api/v1/messages", message.put("externalId", "kc-" + UUID.randomUUID()));

        ObjectNode reply = JSON.createObjectNode().put("content", "We are looking at the double charge now.");
        assertRefused("engineer", "POST", "/api/v1/conversations/" + conversation + "/messages", reply);
        HttpResponse<String> replied = call("agent", "POST", "/api/v1/conversations/" + conversation + "/messages", reply);
        assertThat(replied.statusCode()).as("an agent replies to the customer: %s", replied.body()).isBetween(200, 299);

        // the role check comes before the version is looked up: a supervisor gets as far as "no such version"
        assertRefused("agent", "POST", "/api/v1/policies/severity/versions/999/publish", null);
        assertThat(call("supervisor", "POST", "/api/v1/policies/severity/versions/999/publish", null).statusCode()).isEqualTo(404);

        // a DRL rule set is code: analysts may not upload one, developers may (this one is broken, so 422)
        assertRefused("analyst", "POST", "/api/v1/policies/escalation-triggers/versions", "rule \"x\" when then");
        assertThat(call("developer", "POST", "/api/v1/policies/escalation-triggers/versions", "rule \"x\" when then").statusCode())
                .isEqualTo(422);

        // operations data is for admins and engineers in production
        assertThat(call("engineer", "GET", "/q/metrics", null).statusCode()).isEqualTo(200);
        assertThat(call("agent", "GET", "/q/metrics", null).statusCode()).isEqualTo(403);
    }

    @Test
    void theUiSignsInAtTheRealmsAddressForBrowsersNotTheNodesOwn() throws Exception {
        HttpResponse<String> response = HTTP.send(request("GET", "/api/v1/auth/config", null).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.get("mode").asText()).isEqualTo("oidc");
        assertThat(config.get("authServerUrl").asText()).isEqualTo(KEYCLOAK.realmUrl()).isNotEqualTo(KEYCLOAK.backchannelRealmUrl());
        assertThat(config.get("clientId").asText()).isEqualTo(KeycloakServer.UI_CLIENT);
    }

    @Test
    void aCallWithoutTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = HTTP.send(request("GET", "/api/v1/me", null).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("production asks for a bearer token, never a password")
                .hasValue("Bearer");
    }

    @Test
    void theRealmsOwnClaimsSignedByAnotherKeyAreUnauthorized() throws Exception {
        String admin = TOKENS.get("admin");
        assertThat(withToken(admin, "/api/v1/me").statusCode()).as("the realm's own token").isEqualTo(200);

        String[] parts = admin.split("\\.");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.generateKeyPair().getPrivate());
        signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        assertProblem(withToken(forged, "/api/v1/me"), 401);

        String unsignedHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(withToken(unsignedHeader + "." + parts[1] + ".", "/api/v1/me"), 401);
    }

    @Test
    void anAdminTokenOfAnotherRealmIsUnauthorized() throws Exception {
        KEYCLOAK.addLookalikeRealm("elsewhere", "lookalike", "lookalike-secret", "admin");
        String foreign = KEYCLOAK.clientCredentials("elsewhere", "lookalike", "lookalike-secret");
        JsonNode claims = claims(foreign);
        assertThat(claims.get("iss").asText()).isEqualTo(KEYCLOAK.realmUrl("elsewhere"));
        assertThat(claims.get("realm_access").get("roles").toString()).contains("\"admin\"");
        assertThat(claims.get("aud").toString()).contains("continuum-api");

        assertProblem(withToken(foreign, "/api/v1/me"), 401);
    }

    @Test
    void aTokenIsAcceptedUntilItExpiresAndRefusedFromThen() throws Exception {
        KEYCLOAK.addServiceClient("short-lived", "short-lived-secret", "agent", Duration.ofSeconds(5));
        String token = KEYCLOAK.clientCredentials(KeycloakServer.REALM, "short-lived", "short-lived-secret");
        Instant expires = Instant.ofEpochSecond(claims(token).get("exp").asLong());
        assertThat(withToken(token, "/api/v1/me").statusCode()).as("before it expires").isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> withToken(token, "/api/v1/me").statusCode() == 401);
        assertThat(Instant.now()).as("refused only once expired").isAfterOrEqualTo(expires);
        assertProblem(withToken(token, "/api/v1/me"), 401);
    }

    @Test
    void aSupervisorSignsInThroughKeycloaksOwnPageInChromiumChoosingTheirPassword() throws Exception {
        String temporary = "change-me-" + UUID.randomUUID();
        String chosen = "chosen-" + UUID.randomUUID();
        KEYCLOAK.setTemporaryPassword(USERS.get("supervisor"), temporary);
        Path output = WORK_DIR.resolve("keycloak-signin.log").toAbsolutePath();
        ProcessBuilder browser = new ProcessBuilder(node(), UI_DIR.resolve("e2e").resolve("keycloak-signin.mjs").toString())
                .directory(UI_DIR.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        browser.environment().put("BASE_URL", appUrl());
        browser.environment().put("KEYCLOAK_ORIGIN", KEYCLOAK.origin());
        browser.environment().put("SIGNIN_USER", USERS.get("supervisor"));
        browser.environment().put("SIGNIN_PASSWORD", temporary);
        browser.environment().put("NEW_PASSWORD", chosen);
        browser.environment().put("EXPECTED_ROLE", "supervisor");
        browser.environment().put("SCREENSHOT_DIR", Path.of("target", "screenshots").toAbsolutePath().toString());
        Process run = browser.start();
        run.getOutputStream().close();
        boolean finished = run.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the browser sign-in finished within 3 minutes").isTrue();
        assertThat(log).contains("PASS ").doesNotContain("FAIL ").doesNotContain("CONSOLE ERROR");
        assertThat(run.exitValue()).as("browser sign-in exit code, see %s", output).isZero();

        String withChosenPassword = KEYCLOAK.signIn(USERS.get("supervisor"), chosen, appUrl() + "/");
        assertThat(withToken(withChosenPassword, "/api/v1/me").statusCode()).as("the password chosen on Keycloak's page").isEqualTo(200);
    }

    private static void assertRefused(String role, String method, String path, Object body) throws Exception {
        assertProblem(call(role, method, path, body), 403);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }

    private static HttpResponse<String> call(String role, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = request(method, path, body).header("Authorization", "Bearer " + TOKENS.get(role));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> withToken(String token, String path) throws Exception {
        return HTTP.send(request("GET", path, null).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appUrl() + path));
        if (body instanceof JsonNode node) {
            return request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(node.toString()));
        }
        if (body instanceof String text) {
            return request.header("Content-Type", "text/plain").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody());
    }

    private static JsonNode claims(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String appUrl() {
        return "http://localhost:" + app.port();
    }

    /** The Node the build provisioned for the UI (Quinoa), else the one on the PATH. */
    private static String node() {
        Path provisioned = UI_DIR.resolve(".node").resolve("node").resolve("node");
        return Files.isExecutable(provisioned) ? provisioned.toString() : "node";
    }
}
