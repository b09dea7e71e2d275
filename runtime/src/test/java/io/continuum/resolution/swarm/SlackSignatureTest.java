package io.continuum.resolution.swarm;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's v0 request signature, pinned to the example of Slack's own documentation. */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SENT = Instant.ofEpochSecond(1531420618);

    @Test
    void signsLikeSlackDocumentsIt() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsAFreshCorrectlySignedRequestOnly() {
        assertThat(SlackSignature.valid(SECRET, TIMESTAMP, BODY, SIGNATURE, SENT.plusSeconds(299))).isTrue();
        assertThat(SlackSignature.valid(SECRET, TIMESTAMP, BODY, SIGNATURE, SENT.plusSeconds(301))).as("replayed").isFalse();
        assertThat(SlackSignature.valid(SECRET, TIMESTAMP, BODY + "&x=1", SIGNATURE, SENT)).as("body changed").isFalse();
        assertThat(SlackSignature.valid("another-secret", TIMESTAMP, BODY, SIGNATURE, SENT)).as("forged").isFalse();
        assertThat(SlackSignature.valid(SECRET, "yesterday", BODY, SIGNATURE, SENT)).isFalse();
        assertThat(SlackSignature.valid(SECRET, TIMESTAMP, BODY, null, SENT)).isFalse();
        assertThat(SlackSignature.valid(null, TIMESTAMP, BODY, SIGNATURE, SENT)).as("no secret configured").isFalse();
    }
}
