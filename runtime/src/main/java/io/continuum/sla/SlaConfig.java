package io.continuum.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "continuum.sla")
public interface SlaConfig {

    /** The "business-hours" calendar of sla-policy: when its clocks run. */
    BusinessHours businessHours();

    /**
     * Further calendars by name (e.g. {@code continuum.sla.calendars.enterprise-apac.zone=Asia/Singapore}), for
     * sla-policy rows that name them: one per tier, region or team, each with its own hours and holidays.
     */
    Map<String, BusinessHours> calendars();

    /** How often the scheduler looks for due clocks (read by its @Scheduled expression). */
    @WithDefault("1s")
    String pollInterval();

    /** How many due clocks one scheduler pass claims per transaction. */
    @WithDefault("500")
    int batchSize();

    interface BusinessHours {
        @WithDefault("UTC")
        ZoneId zone();

        @WithDefault("09:00")
        LocalTime opens();

        @WithDefault("17:00")
        LocalTime closes();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> days();

        /** Dates the clock does not run (ISO dates, e.g. 2026-12-25). */
        Optional<List<LocalDate>> holidays();
    }
}
