package io.continuum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one in-process decision engine run does; each setting is read as {@link Arguments} explains.
 *
 * @param repoRoot       the repository, whose {@code decision-tables/} and {@code rules/} hold the policies
 * @param warmup         evaluations run before each measured window, so the JIT settles
 * @param measured       how long each evaluation load is measured
 * @param threads        threads of the parallel severity load; the machine's processors by default
 * @param compileWarmups compilations of each policy before the timed ones
 * @param compiles       timed compilations of each policy
 * @param cases          distinct generated contacts the loads cycle through
 * @param seed           seed of the generated contacts, so runs decide the same cases
 */
record DecisionEngineSettings(Path repoRoot, Duration warmup, Duration measured, int threads,
                              int compileWarmups, int compiles, int cases, long seed) {

    static DecisionEngineSettings from(String[] args) {
        Arguments given = Arguments.parse(args);
        var settings = new DecisionEngineSettings(
                Path.of(given.text("repo-root", ".")).toAbsolutePath().normalize(),
                given.seconds("warmup", 5),
                given.seconds("duration", 10),
                given.number("threads", Runtime.getRuntime().availableProcessors()),
                given.number("compile-warmups", 3),
                given.number("compiles", 10),
                given.number("cases", 4096),
                given.number("seed", 42));
        given.rejectUnknown();
        if (settings.measured.isZero() || settings.threads < 1 || settings.compiles < 1 || settings.cases < 1
                || settings.compileWarmups < 0) {
            throw new IllegalArgumentException("duration, threads, compiles and cases must be positive");
        }
        if (!Files.isDirectory(settings.repoRoot.resolve("decision-tables"))) {
            throw new IllegalArgumentException("No decision-tables/ under " + settings.repoRoot + "; pass --repo-root=");
        }
        return settings;
    }
}
