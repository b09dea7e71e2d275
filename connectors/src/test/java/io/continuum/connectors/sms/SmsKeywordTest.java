package io.continuum.connectors.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsKeywordTest {

    @Test
    void aMessageThatIsOnlyAKeywordIsThatKeyword() {
        assertThat(SmsKeyword.of("STOP")).contains(SmsKeyword.STOP);
        assertThat(SmsKeyword.of(" stop! ")).contains(SmsKeyword.STOP);
        assertThat(SmsKeyword.of("Unsubscribe")).contains(SmsKeyword.STOP);
        assertThat(SmsKeyword.of("unstop")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("help")).contains(SmsKeyword.HELP);
    }

    @Test
    void aKeywordInsideASentenceIsJustText() {
        assertThat(SmsKeyword.of("please stop charging my card")).isEmpty();
        assertThat(SmsKeyword.of("I need help")).isEmpty();
        assertThat(SmsKeyword.of(null)).isEmpty();
    }
}
