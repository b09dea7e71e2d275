package io.continuum.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * The time an SLA clock runs on: "24x7" (wall-clock), "business-hours" (opening hours on working
 * days, holidays excluded; outside them the clock stands still), or another named business-hours
 * calendar from {@code continuum.sla.calendars.<name>}. A name nobody configured runs 24x7: the
 * stricter reading, so a typo in a policy makes targets come due early, never breach unnoticed.
 */
public sealed interface SlaCalendar {

    String TWENTY_FOUR_SEVEN = "24x7";
    String BUSINESS_HOURS = "business-hours";

    /** The instant when {@code amount} of this calendar's time has run from {@code from}. */
    Instant plus(Instant from, Duration amount);

    /** This calendar's time between two instants (zero when {@code to} is not after {@code from}). */
    Duration between(Instant from, Instant to);

    static SlaCalendar of(String name, SlaConfig config) {
        SlaConfig.BusinessHours hours = BUSINESS_HOURS.equals(name) ? config.businessHours() : config.calendars().get(name);
        return hours == null ? new AroundTheClock() : new BusinessHours(hours.zone(), hours.opens(), hours.closes(),
                hours.days(), Set.copyOf(hours.holidays().orElse(List.of())));
    }

    record AroundTheClock() implements SlaCalendar {
        @Override
        public Instant plus(Instant from, Duration amount) {
            return from.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    }

    record BusinessHours(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> days, Set<LocalDate> holidays)
            implements SlaCalendar {

        /** Ten years of closed days: a calendar without any working day must fail, not loop forever. */
        private static final int MAX_DAYS = 3660;

        @Override
        public Instant plus(Instant from, Duration amount) {
            Duration left = amount;
            ZonedDateTime cursor = from.atZone(zone);
            for (int day = 0; day < MAX_DAYS; day++) {
                LocalDate date = cursor.toLocalDate();
                if (isWorkingDay(date)) {
                    ZonedDateTime open = date.atTime(opens).atZone(zone);
                    ZonedDateTime close = date.atTime(closes).atZone(zone);
                    ZonedDateTime start = cursor.isAfter(open) ? cursor : open;
                    if (start.isBefore(close)) {
                        Duration available = Duration.between(start, close);
                        if (left.compareTo(available) <= 0) {
                            return start.plus(left).toInstant();
                        }
                        left = left.minus(available);
                    }
                }
                cursor = date.plusDays(1).atStartOfDay(zone);
            }
            throw new IllegalStateException("The business-hours calendar has no working time");
        }

        @Override
        public Duration between(Instant from, Instant to) {
            Duration total = Duration.ZERO;
            ZonedDateTime cursor = from.atZone(zone);
            ZonedDateTime end = to.atZone(zone);
            while (cursor.isBefore(end)) {
                LocalDate date = cursor.toLocalDate();
                if (isWorkingDay(date)) {
                    ZonedDateTime open = date.atTime(opens).atZone(zone);
                    ZonedDateTime close = date.atTime(closes).atZone(zone);
                    ZonedDateTime start = cursor.isAfter(open) ? cursor : open;
                    ZonedDateTime stop = end.isBefore(close) ? end : close;
                    if (start.isBefore(stop)) {
                        total = total.plus(Duration.between(start, stop));
                    }
                }
                cursor = date.plusDays(1).atStartOfDay(zone);
            }
            return total;
        }

        private boolean isWorkingDay(LocalDate date) {
            return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
        }
    }
}
