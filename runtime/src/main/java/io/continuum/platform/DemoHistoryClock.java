package io.continuum.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The application's clock while the demo data set is on ({@code continuum.demo-data}): the system's UTC clock,
 * except on a thread that is writing the demo history inside {@link #at}, where it reads the past moment being
 * written. What the real pipeline records meanwhile — conversations, messages, state changes, audit entries,
 * decisions, surveys, outbox events — then carries that moment, and the metrics count it on its day. With the
 * demo data off the application runs on {@link Clock#systemUTC()} and {@link #at} moves no time at all.
 */
public final class DemoHistoryClock extends Clock {

    private static final ThreadLocal<Instant> WRITING_AT = new ThreadLocal<>();

    private final Clock system = Clock.systemUTC();

    /** Runs {@code work} on this thread with the demo clock reading {@code moment}; other threads keep the real time. */
    public static <T> T at(Instant moment, Supplier<T> work) {
        Instant outer = WRITING_AT.get();
        WRITING_AT.set(moment);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                WRITING_AT.remove();
            } else {
                WRITING_AT.set(outer);
            }
        }
    }

    /** True on a thread that is writing the demo history, inside {@link #at}: what it records describes the past. */
    public static boolean writingThePast() {
        return WRITING_AT.get() != null;
    }

    /** Like {@link #at(Instant, Supplier)}, for work that answers nothing. */
    public static void at(Instant moment, Runnable work) {
        at(moment, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public Instant instant() {
        Instant writing = WRITING_AT.get();
        return writing != null ? writing : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("The application's clock is UTC");
    }
}
