package io.lcpr.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service run as its own JVM, its log in a file, ready when its readiness check says so. */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Object headers of 8 bytes instead of 12 where the JDK has them (JEP 519, product from 25), as in
     * deploy/docker/Dockerfile.jvm; empty on an older JDK, which refuses the flag. In bench-reconcile (session 44) they
     * took 7% off reconcile-service's CPU folding and 11% off its GC, and 37-83 MiB off ingest-service's peak RSS (23
     * in bench-ingest).
     */
    static final String COMPACT_HEADERS = Runtime.version().feature() >= 25 ? " -XX:+UseCompactObjectHeaders" : "";
    /** JVM options of the suite's services: a small heap and quick start-up (C1 only), SERVICE_JVM_OPTS to change. */
    static final String DEFAULT_JVM_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" + COMPACT_HEADERS;

    public static ServiceProcess start(Path root, String name, int port, Map<String, String> env, Path logDir) {
        return start(root, name, port, env, logDir, System.getenv().getOrDefault("SERVICE_JVM_OPTS", DEFAULT_JVM_OPTS));
    }

    public static ServiceProcess start(Path root, String name, int port, Map<String, String> env, Path logDir,
            String jvmOptions) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // on this machine on purpose: the prod profile would refuse a local database and broker otherwise
            builder.environment().put("LCPR_LOCAL_DEFAULTS_ALLOWED", "true");
            builder.environment().put("LOG_JSON", "false"); // logs for a person reading .local/logs, not a pipeline
            // glibc keeps up to 8 malloc arenas a core, each holding on to what it freed: with 2, reconcile peaked
            // 8-13 MiB lower in the benchmark (NMT counted 481 MiB of its 537, the rest arenas); env may override
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(LocalCredentials.verifierEnvironment()); // it trusts the launcher's tokens
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Peak resident set size so far (VmHWM), in bytes; -1 where /proc is not available. */
    public long peakRssBytes() {
        return status("VmHWM:");
    }

    /** Resident set size now (VmRSS), in bytes; -1 where /proc is not available. */
    public long rssBytes() {
        return status("VmRSS:");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                // no token: the check is open, and a token of an issuer the service does not trust would be a 401
                if (Http.sendAs(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/q/health/ready"))
                        .GET(), null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // connection refused until Quarkus has bound its port
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; log: " + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return log.toString();
        }
    }

    /** The message of the service's last log line that contains {@code text} (from it on), or null when none does. */
    public String lastLogged(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).reduce((a, b) -> b).map(l -> l.substring(l.indexOf(text)))
                    .orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Asks the service to shut down (SIGTERM) without waiting, so several can stop side by side. */
    public void signalStop() {
        process.destroy();
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, nothing flushed. Returns once it is gone. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a signal by name (STOP pauses the JVM as a stalled host would, CONT resumes it). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
