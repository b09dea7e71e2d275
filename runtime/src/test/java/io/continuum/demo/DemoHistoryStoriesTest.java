package io.continuum.demo;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryStoriesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T21:30:00Z");

    @Test
    void coversEachOfTheThirtyDaysBeforeToday() {
        Map<LocalDate, Long> perDay = DemoHistory.stories(NOW).stream().collect(Collectors.groupingBy(
                story -> story.openedAt().atZone(ZoneOffset.UTC).toLocalDate(), Collectors.counting()));
        assertThat(perDay.keySet()).hasSize(DemoHistory.DAYS)
                .allSatisfy(day -> assertThat(day).isBetween(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 12, 4)));
        perDay.forEach((day, count) -> {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            assertThat(count).isBetween(weekend ? 3L : 7L, weekend ? 5L : 13L);
        });
    }

    @Test
    void isTheSameHistoryOnEveryFreshStart() {
        List<DemoHistory.Story> first = DemoHistory.stories(NOW);
        assertThat(DemoHistory.stories(NOW)).isEqualTo(first);
    }

    @Test
    void mixesOutcomesAsSupportTeamsSeeThem() {
        List<DemoHistory.Story> stories = DemoHistory.stories(NOW);
        assertThat(stories).filteredOn(DemoHistory.Story::deflectedByAi).hasSizeBetween(stories.size() / 10, stories.size() / 2);
        assertThat(stories).filteredOn(story -> story.reopenedAfterResolution().isPresent()).isNotEmpty();
        assertThat(stories).filteredOn(DemoHistory.Story::corrected).isNotEmpty();
        assertThat(stories).filteredOn(story -> story.score().isPresent()).hasSizeGreaterThan(stories.size() / 4);
        assertThat(stories).allSatisfy(story -> {
            assertThat(story.resolvedAfter()).isGreaterThan(story.firstResponseAfter());
            assertThat(story.deflectedByAi() ? story.agent() == null : story.agent() != null).isTrue();
        });
        assertThat(stories.stream().map(DemoHistory.Story::channel).distinct()).hasSize(6);
        assertThat(stories.stream().map(story -> story.topic().intent()).distinct()).hasSizeGreaterThanOrEqualTo(5);
    }
}
