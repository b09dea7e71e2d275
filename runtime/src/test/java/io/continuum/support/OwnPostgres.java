package io.continuum.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL cluster a test owns, made with the machine's own PostgreSQL binaries
 * ({@code /usr/lib/postgresql/<version>/bin}) in a folder under {@code target/} on a free port, so the
 * test may stop and start the database under a running application without touching anyone else's.
 * initdb refuses to run as root, so as root every PostgreSQL command runs as the {@code postgres} user.
 */
public final class OwnPostgres {

    private final Path home;
    private final Path data;
    private final Path bin;
    private final int port;

    /** @param folder a folder of its own (emptied first), e.g. {@code target/it-outage-postgres} */
    public OwnPostgres(Path folder) throws IOException {
        this.home = folder.toAbsolutePath().resolve("cluster");
        this.data = home.resolve("data");
        this.bin = newestBinaries();
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
    }

    private static Path newestBinaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparingInt(candidate -> Integer.parseInt(candidate.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql"));
        }
    }

    public int port() {
        return port;
    }

    /** host:port, as {@link PackagedApp} names its server */
    public String server() {
        return "127.0.0.1:" + port;
    }

    /** Makes a new cluster (trust authentication, user postgres, fsync on) and starts it. */
    public void initAndStart() throws IOException, InterruptedException {
        stopIfRunning();
        Folders.deleteRecursively(home);
        Files.createDirectories(home);
        if (runningAsRoot()) {
            UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(home, postgres);
        }
        run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C");
        start();
    }

    /** Starts the cluster and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + home + " -c max_connections=200",
                "-w", "-t", "60", "start");
    }

    /** Stops the cluster the way an operator's restart does (fast: sessions are ended) and waits until it is down. */
    public void stop() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Stops the cluster if it runs; for clean-up after a test, whatever state it left. */
    public void stopIfRunning() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            stop();
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + server() + "/" + database;
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (runningAsRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("pg-command", ".log");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String printed = Files.readString(output);
        Files.deleteIfExists(output);
        assertThat(finished).as("%s finished within 120 s", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit code; it printed:%n%s", String.join(" ", command), printed).isZero();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
