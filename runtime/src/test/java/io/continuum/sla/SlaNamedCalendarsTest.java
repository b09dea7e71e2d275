package io.continuum.sla;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars sla-policy rows can name besides "24x7" and "business-hours", from configuration
 * ({@code %test.continuum.sla.calendars.weekend-desk}: Madrid, Saturday and Sunday 10:00–14:00, 26 December off).
 */
@QuarkusTest
class SlaNamedCalendarsTest {

    @Inject
    SlaClocks clocks;

    @Test
    void aNamedCalendarRunsOnItsOwnHoursDaysAndHolidays() {
        SlaCalendar weekendDesk = clocks.calendar("weekend-desk");
        assertThat(weekendDesk).isInstanceOf(SlaCalendar.BusinessHours.class);
        // Saturday 10:00 Madrid (09:00Z) + 3 h, within the day
        assertThat(weekendDesk.plus(Instant.parse("2026-11-28T09:00:00Z"), Duration.ofHours(3)))
                .isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        // Saturday 13:00 Madrid + 2 h: one hour left on Saturday, one from Sunday's opening
        assertThat(weekendDesk.plus(Instant.parse("2026-11-28T12:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        // a Friday contact waits for the weekend; Saturday 26 December is a holiday, so Sunday it is
        assertThat(weekendDesk.plus(Instant.parse("2026-12-25T15:00:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-12-27T10:00:00Z"));
    }

    @Test
    void theBuiltInNamesKeepTheirMeaningAndAnUnknownNameRunsAroundTheClock() {
        assertThat(clocks.calendar(SlaCalendar.BUSINESS_HOURS)).isInstanceOf(SlaCalendar.BusinessHours.class);
        assertThat(clocks.calendar(SlaCalendar.TWENTY_FOUR_SEVEN)).isInstanceOf(SlaCalendar.AroundTheClock.class);
        assertThat(clocks.calendar("no-such-calendar")).isInstanceOf(SlaCalendar.AroundTheClock.class);
    }
}
