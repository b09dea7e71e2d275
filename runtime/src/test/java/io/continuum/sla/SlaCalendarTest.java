package io.continuum.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The two calendars SLA clocks run on. */
class SlaCalendarTest {

    private static final SlaCalendar OFFICE = new SlaCalendar.BusinessHours(ZoneId.of("Europe/Madrid"), LocalTime.of(9, 0),
            LocalTime.of(17, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 12, 25)));

    @Test
    void aroundTheClockIsWallClockTime() {
        Instant start = Instant.parse("2026-11-27T22:00:00Z");
        assertThat(new SlaCalendar.AroundTheClock().plus(start, Duration.ofHours(4))).isEqualTo(Instant.parse("2026-11-28T02:00:00Z"));
    }

    @Test
    void businessHoursSkipNightsWeekendsAndHolidays() {
        // Friday 16:00 Madrid (15:00Z) + 2 business hours: one hour on Friday, one on Monday from 09:00
        assertThat(OFFICE.plus(Instant.parse("2026-11-27T15:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        // Thursday 24 December 16:30 + 1 h: half an hour that day, then Christmas (holiday) and the weekend pass
        assertThat(OFFICE.plus(Instant.parse("2026-12-24T15:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-12-28T08:30:00Z"));
        // a contact at night starts counting at opening time
        assertThat(OFFICE.plus(Instant.parse("2026-11-25T02:00:00Z"), Duration.ofMinutes(30)))
                .isEqualTo(Instant.parse("2026-11-25T08:30:00Z"));
    }

    @Test
    void businessTimeBetweenCountsOnlyOpeningHours() {
        assertThat(OFFICE.between(Instant.parse("2026-11-27T15:00:00Z"), Instant.parse("2026-11-30T09:00:00Z")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(OFFICE.between(Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-11-27T15:00:00Z")))
                .isZero();
    }
}
