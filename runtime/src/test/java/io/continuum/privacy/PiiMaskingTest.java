package io.continuum.privacy;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskingTest {

    @Test
    void masksEmailAddressesWhereverTheyStand() {
        assertThat(PiiMasking.mask("Failed to send to maria.lopez+orders@example.co.uk: 550"))
                .isEqualTo("Failed to send to [email]: 550");
        assertThat(PiiMasking.mask("<ana@example.com>,bob_o'neil@mail.example.org"))
                .isEqualTo("<[email]>,[email]");
    }

    @Test
    void masksInternationalAndNorthAmericanPhoneNumbers() {
        assertThat(PiiMasking.mask("from +14155550171 via whatsapp")).isEqualTo("from [phone] via whatsapp");
        assertThat(PiiMasking.mask("call +34 612 34 56 78 or (617) 555-0142 or 617.555.0142"))
                .isEqualTo("call [phone] or [phone] or [phone]");
    }

    @Test
    void masksCardNumbersThatPassTheLuhnCheckOnly() {
        assertThat(PiiMasking.mask("card 4111 1111 1111 1111 declined")).isEqualTo("card [card] declined");
        assertThat(PiiMasking.mask("card 5500-0000-0000-0004")).isEqualTo("card [card]");
        assertThat(PiiMasking.mask("amex 378282246310005")).isEqualTo("amex [card]");
        assertThat(PiiMasking.mask("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
    }

    @Test
    void masksIbansThatPassTheirCheckDigitsOnly() {
        assertThat(PiiMasking.mask("refund to DE89 3704 0044 0532 0130 00 today")).isEqualTo("refund to [iban] today");
        assertThat(PiiMasking.mask("refund to GB82WEST12345698765432")).isEqualTo("refund to [iban]");
        assertThat(PiiMasking.mask("part DE00370400440532013000")).isEqualTo("part DE00370400440532013000");
    }

    @Test
    void masksCredentialsAndSecrets() {
        assertThat(PiiMasking.mask("Authorization: Bearer abc.DEF-123_xyz~")).startsWith("Authorization: [secret]")
                .doesNotContain("abc.DEF");
        assertThat(PiiMasking.mask("header Bearer abcdef123456 sent")).isEqualTo("header Bearer [secret] sent");
        assertThat(PiiMasking.mask("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature"))
                .isEqualTo("token [secret]");
        assertThat(PiiMasking.mask("smtp://support:hunter2@mail.example.com:587"))
                .isEqualTo("smtp://support:[secret]@mail.example.com:587");
        assertThat(PiiMasking.mask("{\"api_key\":\"sk-live-123\",\"app-secret\": \"s3cr3t\", \"password=x\"}"))
                .doesNotContain("sk-live-123", "s3cr3t", "password=x");
    }

    @Test
    void leavesIdsTimestampsAndCountsReadable() {
        String line = "Delivery 123e4567-e89b-42d3-a456-426614174000 at 2026-12-05T12:05:43.123+01:00 took 1733400343123 µs, "
                + "attempt 3 of 10, 127.0.0.1:8080";
        assertThat(PiiMasking.mask(line)).isEqualTo(line);
    }

    @Test
    void filterMasksTheFormattedMessageAndEveryExceptionOfTheChain() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Could not deliver to %s", ExtLogRecord.FormatStyle.PRINTF,
                PiiMaskingTest.class.getName());
        record.setParameters(new Object[]{"ana@example.com"});
        SQLException cause = new SQLException("ERROR: duplicate key value violates unique constraint: "
                + "Key (kind, network, value)=(phone, , +14155550171) already exists");
        record.setThrown(new IllegalStateException("Exchange failed for recipient ana@example.com", cause));

        assertThat(new PiiMaskingLogFilter().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("Could not deliver to [email]");
        assertThat(record.getThrown().toString())
                .isEqualTo("java.lang.IllegalStateException: Exchange failed for recipient [email]");
        assertThat(record.getThrown().getCause().toString()).contains("(phone, , [phone])").doesNotContain("4155550171");
        assertThat(record.getThrown().getStackTrace()).isNotEmpty();
    }
}
