package io.continuum.channels.webchat;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening hours decide whether the widget says someone answers now or that replies come by e-mail. */
class WebChatConfigTest {

    private static WebChatConfig hours(String hours, Set<DayOfWeek> days) {
        return new WebChatConfig() {
            public Duration idleTimeout() {
                return Duration.ofMinutes(10);
            }

            public String openingHours() {
                return hours;
            }

            public Set<DayOfWeek> openDays() {
                return days;
            }

            public ZoneId zone() {
                return ZoneId.of("Europe/Paris");
            }

            public java.util.Optional<String> identitySecret() {
                return java.util.Optional.empty();
            }

            public Duration identityTokenMaxLifetime() {
                return Duration.ofHours(1);
            }
        };
    }

    @Test
    void openWithinHoursOnOpenDaysInTheConfiguredZone() {
        WebChatConfig weekdays = hours("08:00-18:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        // Wednesday 2026-11-25: 07:30 UTC is 08:30 in Paris
        assertThat(weekdays.isOpen(Instant.parse("2026-11-25T07:30:00Z"))).isTrue();
        assertThat(weekdays.isOpen(Instant.parse("2026-11-25T06:59:00Z"))).isFalse();
        assertThat(weekdays.isOpen(Instant.parse("2026-11-25T17:00:00Z"))).isFalse();
        // Saturday
        assertThat(weekdays.isOpen(Instant.parse("2026-11-28T10:00:00Z"))).isFalse();
    }

    @Test
    void aWholeDayRunsUntilMidnight() {
        WebChatConfig always = hours("00:00-24:00", EnumSet.allOf(DayOfWeek.class));
        assertThat(always.isOpen(Instant.parse("2026-11-25T22:59:59Z"))).isTrue();
        assertThat(always.isOpen(Instant.parse("2026-11-25T23:00:00Z"))).isTrue();
    }
}
