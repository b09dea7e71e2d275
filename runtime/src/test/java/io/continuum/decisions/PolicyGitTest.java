package io.continuum.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Analysts' published versions become commits developers can review; files from git become versions. */
@QuarkusTest
class PolicyGitTest {

    private static final Path REPOSITORY = Path.of("target", "policy-repository");

    @Test
    void exportWritesThePublishedVersionByteForByteAndCommitsItAsThePublisher() throws Exception {
        int live = PolicyStoreTest.liveVersion("escalation-triggers");
        String source = as("agent").when().get("/api/v1/policies/escalation-triggers/versions/{v}", live)
                .then().extract().path("source");

        JsonPath export = as("analyst").when().post("/api/v1/policies/escalation-triggers/versions/{v}/export", live)
                .then().statusCode(200).body("path", equalTo("rules/escalation-triggers.drl")).extract().jsonPath();

        byte[] written = Files.readAllBytes(REPOSITORY.resolve("rules/escalation-triggers.drl"));
        assertThat(written).isEqualTo(source.getBytes(StandardCharsets.UTF_8));
        byte[] downloaded = as("engineer").when().get("/api/v1/policies/escalation-triggers/versions/{v}/file", live)
                .then().statusCode(200).extract().asByteArray();
        assertThat(downloaded).isEqualTo(written);
        try (Git git = Git.open(REPOSITORY.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getName()).isEqualTo(export.getString("commitId"));
            PersonIdent author = head.getAuthorIdent();
            assertThat(author.getName()).isIn("baseline", "analyst", "supervisor");
            assertThat(head.getFullMessage()).startsWith("escalation-triggers version " + live);
        }
    }

    @Test
    void aFileChangedInGitBecomesANewVersionToReview() throws Exception {
        int live = PolicyStoreTest.liveVersion("escalation-triggers");
        as("analyst").queryParam("commit", false)
                .when().post("/api/v1/policies/escalation-triggers/versions/{v}/export", live).then().statusCode(200);
        Path file = REPOSITORY.resolve("rules/escalation-triggers.drl");
        String edited = Files.readString(file).replace("minutesWaiting >= 30", "minutesWaiting >= 20");
        Files.writeString(file, edited);

        int imported = as("developer").when().post("/api/v1/policies/escalation-triggers/import")
                .then().statusCode(201).body("status", equalTo("validated")).extract().path("version");

        assertThat(as("agent").when().get("/api/v1/policies/escalation-triggers/versions/{v}", imported)
                .then().extract().<String>path("source")).isEqualTo(edited);
        assertThat(PolicyStoreTest.liveVersion("escalation-triggers")).as("an import is a draft, not a publish").isEqualTo(live);
    }
}
