package io.continuum.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Keycloak — the {@code keycloak-quarkus-dist} the build unpacked into {@code target/keycloak} — with
 * the realm of {@code deploy/keycloak/} imported, run as its own process in dev mode (in-memory database) on
 * a free loopback port. Its admin REST API prepares what a test needs and the deployable realm rightly does
 * not give: permanent passwords instead of the temporary ones, the test app's address as a redirect target.
 * Tokens come the way the web UI gets them (authorization code with PKCE on {@code continuum-ui}) or the way
 * an integration does (client credentials); the realm allows no password grant, and neither does this class.
 */
public final class KeycloakServer {

    public static final String REALM = "continuum";
    public static final String UI_CLIENT = "continuum-ui";
    private static final Path REALM_FOLDER = Path.of("..", "deploy", "keycloak");
    private static final Pattern LOGIN_FORM = Pattern.compile("<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final Path home;
    private final Path javaHome;
    private final int port;
    private final String adminPassword = UUID.randomUUID().toString();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecureRandom random = new SecureRandom();
    private Process process;

    public KeycloakServer(Path home, Path javaHome) {
        this.home = home;
        this.javaHome = javaHome;
        this.port = freePort();
    }

    /** The Keycloak the build unpacked, on the JDK the build names (failsafe's system properties). */
    public static KeycloakServer fromBuild() {
        return new KeycloakServer(Path.of(System.getProperty("continuum.keycloak.home")),
                Path.of(System.getProperty("continuum.keycloak.java-home")));
    }

    /** {@code http://localhost:<port>}: where browsers and the tests reach Keycloak, so every token names it as issuer. */
    public String origin() {
        return "http://localhost:" + port;
    }

    /** The realm as browsers reach it: the issuer of its tokens. */
    public String realmUrl() {
        return realmUrl(REALM);
    }

    public String realmUrl(String realm) {
        return origin() + "/realms/" + realm;
    }

    /**
     * The realm by another name for the same server, as docker-compose.yml's nodes reach Keycloak by its service name
     * while browsers use localhost: tokens still name {@link #realmUrl()} as issuer, the keys come from here.
     */
    public String backchannelRealmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /**
     * Copies the realm files of {@code deploy/keycloak/} into the server's import folder, starts it and waits until
     * the realm answers its discovery document; prints the time that took as a {@code [figures]} line.
     */
    public void start() throws IOException {
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        try (var realms = Files.list(REALM_FOLDER)) {
            for (Path realm : realms.filter(file -> file.toString().endsWith(".json")).toList()) {
                Files.copy(realm, imports.resolve(realm.getFileName()));
            }
        }
        Path log = home.resolve("keycloak.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + origin(), "--hostname-backchannel-dynamic=true",
                "--db=dev-mem", "--import-realm")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        long started = System.nanoTime();
        process = builder.start();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration")).build();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("Keycloak exited, see %s", log).isTrue();
            try {
                return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
        Duration startTime = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("[figures] Keycloak %s start (start-dev, realm imported) until its realm answers: %.1fs%n",
                home.getFileName(), startTime.toMillis() / 1000.0);
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        process = null;
    }

    // ---- the admin REST API (as the bootstrap admin of the master realm) ----

    /** Gives a user of the realm a permanent password (the deployable realm's are temporary). */
    public void setPassword(String username, String password) throws IOException, InterruptedException {
        setPassword(username, password, false);
    }

    /** Gives a user a password that Keycloak makes them replace at their next sign-in, as the deployable realm does. */
    public void setTemporaryPassword(String username, String password) throws IOException, InterruptedException {
        setPassword(username, password, true);
    }

    private void setPassword(String username, String password, boolean temporary) throws IOException, InterruptedException {
        JsonNode users = admin("GET", "/users?exact=true&username=" + encode(username), null);
        assertThat(users).as("user %s in the realm", username).hasSize(1);
        ObjectNode credential = json.createObjectNode().put("type", "password").put("value", password).put("temporary", temporary);
        admin("PUT", "/users/" + users.get(0).get("id").asText() + "/reset-password", credential);
    }

    /** Lets a client send the browser back to {@code origin} (the deployable realm names only http://localhost:8080). */
    public void allowRedirectsTo(String clientId, String origin) throws IOException, InterruptedException {
        ObjectNode client = (ObjectNode) client(clientId);
        ((ArrayNode) client.withArray("redirectUris")).add(origin + "/*");
        admin("PUT", "/clients/" + client.get("id").asText(), client);
    }

    /** The secret Keycloak generated for a confidential client at import. */
    public String clientSecret(String clientId) throws IOException, InterruptedException {
        return admin("GET", "/clients/" + client(clientId).get("id").asText() + "/client-secret", null).get("value").asText();
    }

    /**
     * Adds a confidential client whose service account holds {@code role} and whose access tokens, meant for
     * {@code continuum-api}, live {@code lifespan}: a token that expires while a test watches.
     */
    public void addServiceClient(String clientId, String secret, String role, Duration lifespan)
            throws IOException, InterruptedException {
        ObjectNode client = serviceClient(clientId, secret);
        client.putObject("attributes").put("access.token.lifespan", Long.toString(lifespan.toSeconds()));
        admin("POST", "/clients", client);
        String serviceAccount = admin("GET", "/clients/" + client(clientId).get("id").asText() + "/service-account-user", null)
                .get("id").asText();
        JsonNode realmRole = admin("GET", "/roles/" + encode(role), null);
        admin("POST", "/users/" + serviceAccount + "/role-mappings/realm", json.createArrayNode().add(realmRole));
    }

    /**
     * Creates another realm on this server that looks like ours from a token's point of view: the same role name
     * and a service client whose tokens carry {@code continuum-api} as audience. Only its issuer and keys differ.
     */
    public void addLookalikeRealm(String realm, String clientId, String secret, String role) throws IOException, InterruptedException {
        ObjectNode representation = json.createObjectNode().put("realm", realm).put("enabled", true);
        representation.putObject("roles").putArray("realm").addObject().put("name", role);
        representation.putArray("clients").add(serviceClient(clientId, secret));
        ObjectNode serviceAccount = representation.putArray("users").addObject()
                .put("username", "service-account-" + clientId).put("enabled", true).put("serviceAccountClientId", clientId);
        serviceAccount.putArray("realmRoles").add(role);
        send("POST", origin() + "/admin/realms", adminToken(), representation);
    }

    private ObjectNode serviceClient(String clientId, String secret) {
        ObjectNode client = json.createObjectNode().put("clientId", clientId).put("enabled", true).put("protocol", "openid-connect")
                .put("publicClient", false).put("secret", secret).put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", false);
        client.putArray("protocolMappers").addObject().put("name", "continuum-api-audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper").putObject("config")
                .put("included.client.audience", "continuum-api").put("access.token.claim", "true").put("id.token.claim", "false");
        return client;
    }

    private JsonNode client(String clientId) throws IOException, InterruptedException {
        JsonNode clients = admin("GET", "/clients?clientId=" + encode(clientId), null);
        assertThat(clients).as("client %s in the realm", clientId).hasSize(1);
        return clients.get(0);
    }

    private JsonNode admin(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return send(method, origin() + "/admin/realms/" + REALM + path, adminToken(), body);
    }

    private JsonNode send(String method, String url, String token, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 299);
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    /** The master realm's own admin client, which Keycloak sets up for its admin CLI; our realm has no such grant. */
    private String adminToken() throws IOException, InterruptedException {
        return token(realmUrl("master"), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", adminPassword));
    }

    // ---- tokens ----

    /**
     * Signs a user in as the web UI does: the realm's sign-in page for {@code continuum-ui}, the user's name and
     * password typed into its form, the code sent back to {@code redirectUri} exchanged with the PKCE verifier.
     */
    public String signIn(String username, String password, String redirectUri) throws IOException, InterruptedException {
        String verifier = randomToken(48);
        String state = randomToken(16);
        String authorize = realmUrl() + "/protocol/openid-connect/auth?" + form(Map.of("client_id", UI_CLIENT,
                "redirect_uri", redirectUri, "response_type", "code", "scope", "openid", "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher loginForm = LOGIN_FORM.matcher(page.body());
        assertThat(loginForm.find()).as("Keycloak's sign-in page (HTTP %s): %s", page.statusCode(), page.body()).isTrue();
        // Keycloak marks its sign-in cookies Secure, which Java's cookie store never sends over plain HTTP; browsers do to localhost
        String cookies = page.headers().allValues("Set-Cookie").stream().map(cookie -> cookie.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(loginForm.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirect after signing in %s (HTTP %s): %s", username, signedIn.statusCode(), signedIn.body())
                .startsWith(redirectUri);
        Map<String, String> answer = query(URI.create(location));
        assertThat(answer).containsEntry("state", state).containsKey("code");
        return token(realmUrl(), Map.of("grant_type", "authorization_code", "client_id", UI_CLIENT, "code", answer.get("code"),
                "redirect_uri", redirectUri, "code_verifier", verifier));
    }

    /** An access token for a confidential client's service account (client credentials grant). */
    public String clientCredentials(String realm, String clientId, String secret) throws IOException, InterruptedException {
        return token(realmUrl(realm), Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(String realmUrl, Map<String, String> parameters) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token from %s: %s", realmUrl, response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asText();
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
