package io.continuum.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a recorded run's processor time went: reads a Java Flight Recorder file of the platform (what
 * {@code BENCH_JFR} makes {@code bench/end-to-end.sh} record) over a window of wall-clock time (a paced run prints
 * its measured window) and prints how much of the window the JIT compilers and the garbage collector took, and the
 * shares of the execution samples by thread, by feature of the platform ({@code io.continuum.<feature>} on the stack,
 * inclusive, so they overlap), by library at the top of the stack, and the busiest methods, those running interpreted
 * among them (in a warm run, a method the JIT compilers left alone). The samples see Java code
 * only: native code (the embedding model's runtime) and the compilers' own threads are not in them.
 * Arguments: the recording, then optionally the window's first and last second as HH:MM:SS in UTC.
 */
public final class ProfileSummary {

    private static final String PLATFORM = "io.continuum.";
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern GENERATED = Pattern.compile("_Subclass|_ClientProxy|_Observer_|_ScheduledInvoker_|\\$\\$");
    /** Libraries by the package their code is in, first match wins. */
    private static final Map<String, String> LIBRARIES = libraries();

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: bench/profile.sh recording.jfr [from HH:MM:SS] [to HH:MM:SS] (UTC)");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        Window window = args.length == 3 ? Window.between(recording, args[1], args[2]) : Window.ALL;
        long sampleCount = 0;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> features = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> selfMethods = new HashMap<>();
        Map<String, Long> interpreted = new HashMap<>();
        Map<String, Long> platformMethods = new HashMap<>();
        List<RecordedEvent> compilerStatistics = new ArrayList<>();
        Duration collectorPauses = Duration.ZERO;
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!window.contains(event.getStartTime())) {
                    continue;
                }
                earliest = event.getStartTime().isBefore(earliest) ? event.getStartTime() : earliest;
                latest = event.getStartTime().isAfter(latest) ? event.getStartTime() : latest;
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        sampleCount++;
                        RecordedThread thread = event.getThread("sampledThread");
                        add(threads, thread == null ? "?" : DIGITS.matcher(String.valueOf(thread.getJavaName())).replaceAll("N"));
                        tallyStack(event.getStackTrace(), features, libraries, selfMethods, interpreted, platformMethods);
                    }
                    case "jdk.CompilerStatistics" -> compilerStatistics.add(event);
                    case "jdk.GarbageCollection" -> collectorPauses = collectorPauses.plus(event.getDuration("sumOfPauses"));
                    default -> {
                    }
                }
            }
        }
        Duration length = earliest.isAfter(latest) ? Duration.ZERO : Duration.between(earliest, latest);
        System.out.printf(Locale.ROOT, "[profile] %s, %s: %d execution samples%n", recording.getFileName(), window, sampleCount);
        if (compilerStatistics.size() >= 2) {
            Duration compiling = compilerStatistics.get(compilerStatistics.size() - 1).getDuration("totalTimeSpent")
                    .minus(compilerStatistics.get(0).getDuration("totalTimeSpent"));
            long compiled = compilerStatistics.get(compilerStatistics.size() - 1).getInt("compileCount")
                    - compilerStatistics.get(0).getInt("compileCount");
            System.out.printf(Locale.ROOT, "[profile] JIT compilers: %.1f s compiling (%d methods) in %.1f s of wall-clock time%n",
                    compiling.toMillis() / 1000.0, compiled, length.toMillis() / 1000.0);
        }
        System.out.printf(Locale.ROOT, "[profile] garbage collection: %.2f s paused%n", collectorPauses.toMillis() / 1000.0);
        print("threads", threads, sampleCount, 8);
        print("features on the stack (inclusive)", features, sampleCount, 25);
        print("library at the top of the stack", libraries, sampleCount, 15);
        print("methods at the top of the stack", selfMethods, sampleCount, 15);
        // a method still interpreted in a warm run was never compiled: e.g. over HotSpot's 8,000-byte limit
        print("methods at the top of the stack running interpreted", interpreted, sampleCount, 10);
        print("platform methods on the stack (inclusive, generated proxies left out)", platformMethods, sampleCount, 40);
    }

    private static void tallyStack(RecordedStackTrace stack, Map<String, Long> features, Map<String, Long> libraries,
                                   Map<String, Long> selfMethods, Map<String, Long> interpreted,
                                   Map<String, Long> platformMethods) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        String top = frames.get(0).getMethod().getType().getName();
        add(libraries, libraryOf(top));
        add(selfMethods, top + "." + frames.get(0).getMethod().getName());
        if ("Interpreted".equals(frames.get(0).getType())) {
            add(interpreted, top + "." + frames.get(0).getMethod().getName());
        }
        Set<String> featuresSeen = new HashSet<>();
        Set<String> methodsSeen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith(PLATFORM)) {
                continue;
            }
            String rest = type.substring(PLATFORM.length());
            int dot = rest.indexOf('.');
            if (dot > 0 && featuresSeen.add(rest.substring(0, dot))) {
                add(features, rest.substring(0, dot));
            }
            String method = rest + "." + frame.getMethod().getName();
            if (!GENERATED.matcher(method).find() && !method.contains("lambda$") && methodsSeen.add(method)) {
                add(platformMethods, method);
            }
        }
        if (stack.isTruncated() && featuresSeen.isEmpty()) {
            add(features, "(stack cut before any platform frame)");
        }
    }

    private static String libraryOf(String type) {
        for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
            if (type.startsWith(library.getKey())) {
                return library.getValue();
            }
        }
        return type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
    }

    private static Map<String, String> libraries() {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put(PLATFORM, "the platform's own code");
        libraries.put("org.hibernate.", "Hibernate ORM");
        libraries.put("org.kie.", "Kogito, Drools, jBPM");
        libraries.put("org.drools.", "Kogito, Drools, jBPM");
        libraries.put("org.jbpm.", "Kogito, Drools, jBPM");
        libraries.put("com.fasterxml.jackson.", "Jackson");
        libraries.put("org.postgresql.", "PostgreSQL JDBC driver");
        libraries.put("io.vertx.", "Vert.x, Netty");
        libraries.put("io.netty.", "Vert.x, Netty");
        libraries.put("com.arjuna.", "Narayana transactions");
        libraries.put("io.quarkus.narayana.", "Narayana transactions");
        libraries.put("io.agroal.", "Agroal connection pool");
        libraries.put("io.quarkus.arc.", "ArC (CDI)");
        libraries.put("ai.", "embedding model (DJL, ONNX Runtime)");
        libraries.put("com.github.pemistahl.lingua.", "Lingua language detection");
        libraries.put("it.unimi.dsi.fastutil.", "Lingua language detection");
        libraries.put("java.", "the JDK");
        libraries.put("jdk.", "the JDK");
        libraries.put("sun.", "the JDK");
        return libraries;
    }

    private static void add(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static void print(String title, Map<String, Long> counts, long total, int limit) {
        System.out.println("[profile] " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(entry -> System.out.printf(Locale.ROOT, "  %5.1f %%  %6d  %s%n",
                        total == 0 ? 0 : 100.0 * entry.getValue() / total, entry.getValue(), entry.getKey()));
    }

    /** The stretch of the recording looked at: all of it, or the seconds between two UTC times of its day. */
    private record Window(Instant from, Instant to) {

        static final Window ALL = new Window(Instant.MIN, Instant.MAX);

        static Window between(Path recording, String from, String to) throws IOException {
            Instant started = firstEventTime(recording);
            var day = started.atZone(ZoneOffset.UTC).toLocalDate();
            return new Window(day.atTime(LocalTime.parse(from)).toInstant(ZoneOffset.UTC),
                    day.atTime(LocalTime.parse(to)).plusSeconds(1).toInstant(ZoneOffset.UTC));
        }

        boolean contains(Instant time) {
            return !time.isBefore(from) && time.isBefore(to);
        }

        private static Instant firstEventTime(Path recording) throws IOException {
            try (RecordingFile file = new RecordingFile(recording)) {
                return file.readEvent().getStartTime();
            }
        }

        @Override
        public String toString() {
            return this == ALL ? "the whole recording" : "from " + from + " to " + to;
        }
    }
}
