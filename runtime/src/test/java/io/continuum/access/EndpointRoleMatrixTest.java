package io.continuum.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the served OpenAPI document, called by every role and anonymously, against the
 * expectation table {@code access/endpoint-roles.csv}: {@code method,path,who} where who is
 * {@code anyone} (anonymous too), {@code signed-in} (every role), {@code nobody} (internal callers
 * only) or the roles allowed, separated by spaces. Denied means 401 or 403 for who is calling (no
 * credentials, wrong role); allowed means any other answer, including an endpoint's own refusal of
 * what was sent (a webhook's 401 for a bad signature). An operation without a row fails the test,
 * and so does a row without an operation.
 * Requests are harmless: unknown ids and a body that is not valid JSON, so an allowed request ends
 * in 400/404 before anything changes.
 */
@QuarkusTest
class EndpointRoleMatrixTest {

    static final List<String> ROLES = Roles.ALL;
    private static final String ANONYMOUS = "anonymous";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final List<String> ACCESS_PROBLEMS = List.of("/unauthorized", "/forbidden", "/rules-are-code");

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    record Operation(String method, String path, JsonNode spec) {
        String key() {
            return method + "," + path;
        }
    }

    @Test
    void everyOperationAnswersEveryRoleAsTheTableSays() throws Exception {
        List<Operation> operations = operations();
        Map<String, Set<String>> expected = expectations();

        Map<String, String> observed = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Operation operation : operations) {
            Set<String> allowed = new LinkedHashSet<>();
            for (String who : identities()) {
                if (!isDenied(call(operation, who))) {
                    allowed.add(who);
                }
            }
            observed.put(operation.key(), describe(allowed));
            Set<String> expectedAllowed = expected.get(operation.key());
            if (expectedAllowed != null && !expectedAllowed.equals(allowed)) {
                mismatches.add(operation.key() + ": expected " + describe(expectedAllowed) + ", observed " + describe(allowed));
            }
        }
        writeObserved(observed);

        List<String> withoutRow = operations.stream().map(Operation::key).filter(key -> !expected.containsKey(key)).toList();
        List<String> withoutOperation = expected.keySet().stream()
                .filter(key -> operations.stream().noneMatch(operation -> operation.key().equals(key))).toList();
        assertThat(withoutRow).as("operations without a row in access/endpoint-roles.csv (observed table: "
                + "target/endpoint-roles.observed.csv)").isEmpty();
        assertThat(withoutOperation).as("rows naming no served operation").isEmpty();
        assertThat(mismatches).as("operations answering other roles than the table says").isEmpty();
        System.out.printf("[figures] endpoint x role matrix: %d operations x %d identities = %d requests%n",
                operations.size(), identities().size(), operations.size() * identities().size());
    }

    private static List<String> identities() {
        List<String> identities = new ArrayList<>(ROLES);
        identities.add(ANONYMOUS);
        return identities;
    }

    private List<Operation> operations() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .header("Authorization", basic("admin")).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(response.body()).path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    private static Map<String, Set<String>> expectations() throws IOException {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        try (InputStream in = EndpointRoleMatrixTest.class.getResourceAsStream("/access/endpoint-roles.csv")) {
            assertThat(in).as("access/endpoint-roles.csv").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split(",", 3);
                assertThat(cells).as("row '%s' has method,path,who", row).hasSize(3);
                String key = cells[0].strip() + "," + cells[1].strip();
                assertThat(expected).as("row for %s appears once", key).doesNotContainKey(key);
                expected.put(key, parse(cells[2].strip()));
            }
        }
        return expected;
    }

    private static Set<String> parse(String who) {
        return switch (who) {
            case "anyone" -> new LinkedHashSet<>(identities());
            case "signed-in" -> new LinkedHashSet<>(ROLES);
            case "nobody" -> new LinkedHashSet<>();
            default -> {
                Set<String> roles = new LinkedHashSet<>(List.of(who.split("\\s+")));
                assertThat(ROLES).as("roles in '%s'", who).containsAll(roles);
                yield roles;
            }
        };
    }

    private static String describe(Set<String> allowed) {
        if (allowed.containsAll(identities())) {
            return "anyone";
        }
        if (allowed.isEmpty()) {
            return "nobody";
        }
        if (allowed.equals(new LinkedHashSet<>(ROLES))) {
            return "signed-in";
        }
        return String.join(" ", ROLES.stream().filter(allowed::contains).toList())
                + (allowed.contains(ANONYMOUS) ? " anonymous" : "");
    }

    /** The answer, or null when the endpoint kept the request open (a stream): a denial would have been immediate. */
    private HttpResponse<String> call(Operation operation, String who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(concrete(operation)))
                .timeout(Duration.ofSeconds(5));
        if (!ANONYMOUS.equals(who)) {
            request.header("Authorization", basic(who));
        }
        JsonNode content = operation.spec().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            request.method(operation.method(), operation.method().equals("GET") || operation.method().equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(""));
        } else {
            String type = content.fieldNames().next();
            // never valid: an allowed caller gets 400/404/415 before anything is changed
            request.header("Content-Type", type).method(operation.method(), HttpRequest.BodyPublishers.ofString("{\"unfinished\":"));
        }
        try {
            // the request timeout covers the wait for the headers; a stream that answered them (server-sent events)
            // never ends its body, so the whole answer gets a deadline too
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return null;
            }
            throw e;
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** 401/403 about the caller: no problem type, or one of the access problems (not a webhook's bad signature). */
    private boolean isDenied(HttpResponse<String> response) throws IOException {
        if (response == null || (response.statusCode() != 401 && response.statusCode() != 403)) {
            return false;
        }
        String type = response.body().isBlank() ? "" : json.readTree(response.body()).path("type").asText("");
        return type.isEmpty() || ACCESS_PROBLEMS.stream().anyMatch(type::endsWith);
    }

    private static String concrete(Operation operation) {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            types.put(parameter.path("name").asText(), parameter.path("schema").path("type").asText("string"));
        }
        Matcher matcher = PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String type = types.getOrDefault(matcher.group(1), "string");
            String value = type.equals("integer") || type.equals("number") ? "987654" : UUID.randomUUID().toString();
            matcher.appendReplacement(path, value);
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static void writeObserved(Map<String, String> observed) throws IOException {
        StringBuilder table = new StringBuilder("# method,path,who (observed)\n");
        observed.forEach((key, who) -> table.append(key).append(',').append(who).append('\n'));
        Files.writeString(Path.of("target", "endpoint-roles.observed.csv"), table);
    }
}
