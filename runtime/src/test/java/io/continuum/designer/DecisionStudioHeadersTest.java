package io.continuum.designer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision studio is a route of the UI ({@code /#/policies/<name>}: the browser asks for {@code /})
 * whose editors load as a chunk from {@code /assets/}; both answer with the UI's security headers,
 * whose script sources allow neither inline scripts nor eval, and the page itself has no inline script.
 */
@QuarkusTest
class DecisionStudioHeadersTest {

    private static String scriptSources(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(directive -> directive.startsWith("script-src"))
                .findFirst().orElseThrow(() -> new AssertionError("no script-src in " + policy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/assets/studio-chunk.js"})
    void theStudioIsServedWithTheUiSecurityHeaders(String path) {
        Response response = given().when().get(path);
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).as("CSP of %s", path).isNotNull().contains("frame-ancestors 'none'").contains("object-src 'none'");
        assertThat(scriptSources(policy)).isEqualTo("script-src 'self'");
        assertThat(policy).doesNotContain("unsafe-eval");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void theUiPageLoadsItsScriptsFromFilesOnly() throws Exception {
        String page = Files.readString(Path.of("..", "designer-ui", "index.html"));
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script with a src").contains("src=");
            assertThat(scripts.group(2)).as("no inline code").isBlank();
        }
        assertThat(count).isPositive();
        assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
    }
}
