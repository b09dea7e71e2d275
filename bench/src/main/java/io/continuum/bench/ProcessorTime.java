package io.continuum.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Processor time spent by the platform's process, by PostgreSQL's processes and by the whole machine, read from
 * Linux's {@code /proc}, so that a run can say what one message costs in processor time: the figure that bounds
 * how many messages a node carries, and that moves less with the machine's mood than a rate does.
 */
final class ProcessorTime {

    /** Cumulative clock ticks at one moment. */
    record Reading(long platformTicks, long postgresTicks, long machineBusyTicks, long machineTicks) {
    }

    /** What a stretch of time cost, in milliseconds of processor time, and how busy the machine was. */
    record Spent(double platformMillis, double postgresMillis, double machineBusyShare) {
    }

    private final Path platformStat;
    private final double millisPerTick;

    private ProcessorTime(long platformPid, long ticksPerSecond) {
        this.platformStat = Path.of("/proc", Long.toString(platformPid), "stat");
        this.millisPerTick = 1000.0 / ticksPerSecond;
    }

    /** Empty where there is no {@code /proc} to read (not Linux) or no such process. */
    static Optional<ProcessorTime> of(long platformPid) {
        if (platformPid <= 0 || !Files.isReadable(Path.of("/proc", Long.toString(platformPid), "stat"))) {
            return Optional.empty();
        }
        return Optional.of(new ProcessorTime(platformPid, ticksPerSecond()));
    }

    Reading read() {
        long[] machine = machineLine();
        // user, nice, system, irq, softirq, steal: everything but idle and waiting for I/O
        long busy = machine[0] + machine[1] + machine[2] + machine[5] + machine[6] + machine[7];
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += machine[i];
        }
        return new Reading(ticksOf(platformStat), postgresTicks(), busy, total);
    }

    Spent between(Reading from, Reading to) {
        long machine = to.machineTicks() - from.machineTicks();
        return new Spent((to.platformTicks() - from.platformTicks()) * millisPerTick,
                (to.postgresTicks() - from.postgresTicks()) * millisPerTick,
                machine == 0 ? 0 : (double) (to.machineBusyTicks() - from.machineBusyTicks()) / machine);
    }

    /** User and system time of one process: fields 14 and 15 of its stat line, counted after the command's parenthesis. */
    private static long ticksOf(Path stat) {
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Every PostgreSQL process alive now; a backend that ended takes its time with it (the platform's pool keeps its own). */
    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(process -> process.resolve("stat"))
                    .filter(ProcessorTime::isPostgres)
                    .mapToLong(ProcessorTime::ticksOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPostgres(Path stat) {
        try {
            return Files.readString(stat, StandardCharsets.US_ASCII).contains(" (postgres) ");
        } catch (IOException gone) {
            return false;
        }
    }

    private static long[] machineLine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
            return Stream.of(cpu.substring(3).trim().split(" +")).mapToLong(Long::parseLong).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
