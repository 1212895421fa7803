package io.lcpr.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) used so far by each packaged service, PostgreSQL (every backend), the Kafka broker and
 * the benchmark's own client, by the service's threads and by PostgreSQL's roles, read from /proc: on a shared
 * 2-core machine, where the cores went says more than a rate alone; the kernel's threads, the other processes and
 * the machine as a whole (/proc/stat) beside them. Empty where there is no /proc.
 */
final class CpuTimes {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the suite runs on

    private CpuTimes() {
    }

    /** CPU seconds so far by process: each packaged service by name, PostgreSQL, the broker, the benchmark. */
    static Map<String, Double> snapshot() {
        return cpuBy(Path.of("/proc"), CpuTimes::component);
    }

    /**
     * The counters of one measured phase, read at its start and again at its end: by process, by the service's
     * threads, by PostgreSQL's roles and by the broker's threads, each printed as the CPU spent in between.
     */
    static final class Phase {
        private final long servicePid;
        private final Map<String, Double> before;
        private final JvmThreads serviceBefore;
        private final JvmThreads brokerBefore;
        private final Map<Long, PostgresProcess> postgresBefore;
        private final double[] machineBefore;
        private Map<String, Double> after;
        private JvmThreads serviceAfter;
        private JvmThreads brokerAfter;
        private Map<Long, PostgresProcess> postgresAfter;
        private double[] machineAfter;

        private Phase(long servicePid) {
            this.servicePid = servicePid;
            this.before = snapshot();
            this.serviceBefore = CpuTimes.serviceThreads(servicePid);
            this.brokerBefore = brokerThreads();
            this.postgresBefore = postgresProcesses();
            this.machineBefore = CpuTimes.machine();
        }

        static Phase start(long servicePid) {
            return new Phase(servicePid);
        }

        void end() {
            after = snapshot();
            serviceAfter = CpuTimes.serviceThreads(servicePid);
            brokerAfter = brokerThreads();
            postgresAfter = postgresProcesses();
            machineAfter = CpuTimes.machine();
        }

        /** The whole machine's cores through the phase: what the processes listed leave unexplained. */
        String machine(double wallSeconds) {
            if (machineAfter == null) {
                throw new IllegalStateException("the phase has not ended");
            }
            return CpuTimes.machine(machineBefore, machineAfter, wallSeconds);
        }

        String processes(double wallSeconds) {
            ended();
            return CpuTimes.delta(before, after, wallSeconds);
        }

        String serviceThreads(double wallSeconds) {
            ended();
            return CpuTimes.delta(Map.of(), serviceBefore.byGroup(serviceAfter), wallSeconds);
        }

        String postgres(double wallSeconds) {
            ended();
            return CpuTimes.delta(Map.of(), postgresByRole(postgresBefore, postgresAfter), wallSeconds);
        }

        String broker(double wallSeconds) {
            ended();
            return CpuTimes.delta(Map.of(), brokerBefore.byGroup(brokerAfter), wallSeconds);
        }

        private void ended() {
            if (after == null) {
                throw new IllegalStateException("the phase has not ended");
            }
        }
    }

    /**
     * A JVM's CPU seconds so far, the whole process's and each live thread's with its group. A thread that ends takes
     * its counters out of /proc with it while the process's own keep its time (a request worker the pool retires
     * mid-phase): compared thread by thread, such a thread's time before the phase came off its group, which could go
     * negative. {@link #byGroup} gives it its own line instead.
     */
    record JvmThreads(double processSeconds, Map<Long, Live> threads) {
        static final JvmThreads NONE = new JvmThreads(0, Map.of());

        /** One live thread: its group and its CPU seconds so far. */
        record Live(String group, double seconds) {
        }

        static JvmThreads of(long pid, Grouping grouping) {
            Path proc = Path.of("/proc", Long.toString(pid));
            Map<Long, Live> threads = new TreeMap<>();
            if (!eachNumbered(proc.resolve("task"), t -> {
                String group = grouping.groupOf(t);
                if (group != null) {
                    threads.put(Long.parseLong(t.getFileName().toString()), new Live(group, cpuSeconds(t)));
                }
            })) {
                return NONE;
            }
            return new JvmThreads(cpuSeconds(proc), threads);
        }

        /**
         * The CPU between this reading and a later one by group: a thread alive at the end counts its time since this
         * reading (all of it when it started since); the time of threads that ended in between is what the process used
         * beyond the live threads' share, under {@link CpuTimes#ENDED}.
         */
        Map<String, Double> byGroup(JvmThreads later) {
            if (later.threads.isEmpty()) {
                return Map.of();
            }
            Map<String, Double> out = new TreeMap<>();
            double live = 0;
            for (Map.Entry<Long, Live> e : later.threads.entrySet()) {
                Live then = threads.get(e.getKey());
                double seconds = e.getValue().seconds() - (then == null ? 0 : then.seconds());
                out.merge(e.getValue().group(), seconds, Double::sum);
                live += seconds;
            }
            out.put(ENDED, later.processSeconds - processSeconds - live);
            return out;
        }
    }

    static String delta(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        StringBuilder out = new StringBuilder();
        after.forEach((component, s) -> out.append(String.format("%s %.1f s (%.2f cores)  ", component,
                s - before.getOrDefault(component, 0.0), (s - before.getOrDefault(component, 0.0)) / wallSeconds)));
        return out.isEmpty() ? "n/a (no /proc)" : out.toString().trim();
    }

    /** CPU seconds so far of the service's threads, by what they do (thread names, digits left out). */
    static JvmThreads serviceThreads(long servicePid) {
        return JvmThreads.of(servicePid, CpuTimes::threadGroup);
    }

    /**
     * CPU seconds so far of the Kafka broker's threads: the JIT compiler, GC, the data plane (network and request
     * handler threads, one name once the kernel has cut thread names to 15 characters), the rest.
     */
    static JvmThreads brokerThreads() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            Path broker = procs.filter(CpuTimes::isBroker).findFirst().orElse(null);
            return broker == null ? JvmThreads.NONE
                    : JvmThreads.of(Long.parseLong(broker.getFileName().toString()), CpuTimes::brokerThreadGroup);
        } catch (IOException e) {
            return JvmThreads.NONE;
        }
    }

    private static boolean isBroker(Path proc) {
        try {
            return "kafka".equals(component(proc));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A PostgreSQL process: its role (from its title), its own CPU seconds, and those of its children that have ended
     * (the postmaster's reaped autovacuum and parallel workers and closed sessions).
     */
    record PostgresProcess(String role, double seconds, double endedChildrenSeconds) {
    }

    /** The label of the CPU that processes (or a JVM's threads) which ended inside a phase used in it. */
    static final String ENDED = "ended in the phase";

    /** PostgreSQL's processes by pid. */
    static Map<Long, PostgresProcess> postgresProcesses() {
        Map<Long, PostgresProcess> out = new TreeMap<>();
        if (!eachNumbered(Path.of("/proc"), p -> {
            if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                long[] ticks = ticks(p);
                out.put(Long.parseLong(p.getFileName().toString()), new PostgresProcess(
                        postgresRole(Files.readString(p.resolve("cmdline"))), ticks[0] / TICKS_PER_SECOND,
                        ticks[1] / TICKS_PER_SECOND));
            }
        })) {
            return Map.of();
        }
        return out;
    }

    /**
     * PostgreSQL's CPU in a phase by role. A process alive at the end counts its CPU since the start (all of it when
     * it started inside the phase). A process that ended inside the phase hands its whole life's CPU to the
     * postmaster's ended children: what it had used before the phase is taken off again, or a pooled session that
     * closed while idle (a service's pool drops idle connections after minutes) would bring its earlier work into the
     * phase as "ended" time, and take it off the sessions' figure.
     */
    static Map<String, Double> postgresByRole(Map<Long, PostgresProcess> before, Map<Long, PostgresProcess> after) {
        Map<String, Double> out = new TreeMap<>();
        double ended = 0;
        for (Map.Entry<Long, PostgresProcess> e : after.entrySet()) {
            PostgresProcess now = e.getValue();
            PostgresProcess then = before.get(e.getKey());
            out.merge(now.role(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
            ended += now.endedChildrenSeconds() - (then == null ? 0 : then.endedChildrenSeconds());
        }
        for (Map.Entry<Long, PostgresProcess> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                ended -= e.getValue().seconds();
            }
        }
        out.put(ENDED, ended);
        return out;
    }

    /** Names the group a process or thread directory counts towards, or null to leave it out. */
    @FunctionalInterface
    interface Grouping {
        String groupOf(Path entry) throws IOException;
    }

    /** CPU seconds of the numbered entries (processes or threads) under {@code dir}, summed by group. */
    private static Map<String, Double> cpuBy(Path dir, Grouping grouping) {
        Map<String, Double> seconds = new TreeMap<>();
        if (!eachNumbered(dir, p -> {
            String group = grouping.groupOf(p);
            if (group != null) {
                seconds.merge(group, cpuSeconds(p), Double::sum);
            }
        })) {
            return Map.of();
        }
        return seconds;
    }

    /** Reads one numbered entry of /proc or a task directory. */
    @FunctionalInterface
    private interface EntryReader {
        void read(Path entry) throws IOException;
    }

    /**
     * Reads each numbered entry (process or thread) under {@code dir}, skipping one that ended while it was read;
     * false when the directory cannot be listed (no /proc).
     */
    private static boolean eachNumbered(Path dir, EntryReader reader) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    reader.read(p);
                } catch (IOException | RuntimeException e) {
                    // the process or thread ended while we looked
                }
            });
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A PostgreSQL process's role from its title ({@code postgres: <role> ...}; the postmaster keeps its command). */
    static String postgresRole(String title) {
        if (!title.startsWith("postgres:")) {
            return "postmaster";
        }
        for (String role : new String[] { "walwriter", "checkpointer", "background writer", "io worker",
                "autovacuum worker", "parallel worker" }) {
            if (title.contains(role)) {
                return role;
            }
        }
        return title.contains("(") ? "sessions" : "other background";
    }

    /** The JVM's own threads, in the service and the broker alike; null for the others. */
    private static String jvmThreadGroup(String name) {
        if (name.contains("Compiler")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("ParGC")) {
            return "GC";
        }
        return null;
    }

    private static String threadGroup(Path thread) throws IOException {
        return threadGroup(Files.readString(thread.resolve("comm")).trim());
    }

    private static String threadGroup(String name) {
        String jvm = jvmThreadGroup(name);
        if (jvm != null) {
            return jvm;
        }
        if (name.startsWith("executor-thread")) {
            return "request workers";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "HTTP event loop";
        }
        if (name.startsWith("kafka-producer")) {
            return "Kafka producer I/O";
        }
        if (name.startsWith("trace-publisher")) {
            return "trace publisher";
        }
        if (name.startsWith("outcome-publish")) { // /proc keeps 15 characters of a name
            return "outcome publisher";
        }
        if (name.startsWith("fold-")) {
            return "fold workers"; // reconcile-service: reading a poll's events and running its fold statement
        }
        if (name.startsWith("smallrye-kafka-") || name.startsWith("kafka-coordinat")) {
            return "Kafka consumers"; // /proc truncates thread names to 15 characters
        }
        return "other";
    }

    private static String brokerThreadGroup(Path thread) throws IOException {
        String name = Files.readString(thread.resolve("comm")).trim();
        String jvm = jvmThreadGroup(name);
        if (jvm != null) {
            return jvm;
        }
        return name.startsWith("data-plane") ? "data plane" : "other";
    }

    private static String component(Path proc) throws IOException {
        long pid = Long.parseLong(proc.getFileName().toString());
        if (pid == ProcessHandle.current().pid()) {
            return "benchmark client";
        }
        String cmdline = Files.readString(proc.resolve("cmdline"));
        if (cmdline.contains("quarkus-run.jar")) { // each packaged service by its name
            return serviceName(cmdline);
        }
        String comm = Files.readString(proc.resolve("comm")).trim();
        if (comm.equals("postgres")) {
            return "postgresql";
        }
        if (comm.equals("java") && cmdline.contains("kafka.Kafka")) {
            return "kafka";
        }
        // the kernel's own threads (writeback, page reclaim, network) apart from the rest: what the machine spent
        // beside the suite's processes
        String stat = Files.readString(proc.resolve("stat"));
        long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        return pid == 2 || ppid == 2 ? "kernel threads" : "other processes";
    }

    /**
     * The machine's CPU seconds so far by state, from /proc/stat: user (with nice), system (with interrupts), iowait,
     * idle, steal; empty where there is no /proc.
     */
    static double[] machine() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow().trim().split("\\s+");
            double[] t = new double[9];
            for (int i = 1; i < f.length && i <= 8; i++) {
                t[i] = Long.parseLong(f[i]) / TICKS_PER_SECOND;
            }
            return new double[] { t[1] + t[2], t[3] + t[6] + t[7], t[5], t[4], t[8] };
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    /** The machine's CPU between two readings of {@link #machine()}, in cores over the wall time. */
    static String machine(double[] before, double[] after, double wallSeconds) {
        if (before.length == 0 || after.length == 0) {
            return "n/a (no /proc/stat)";
        }
        double[] c = new double[before.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (after[i] - before[i]) / wallSeconds;
        }
        return String.format("busy %.2f of %d cores (user %.2f, system %.2f), iowait %.2f, idle %.2f, steal %.2f",
                c[0] + c[1], Runtime.getRuntime().availableProcessors(), c[0], c[1], c[2], c[3], c[4]);
    }

    /** The module of a packaged service, from its command line (.../ingest-service/target/quarkus-app/...). */
    static String serviceName(String cmdline) {
        int app = cmdline.indexOf("/target/quarkus-app/");
        if (app < 0) {
            return "service";
        }
        return cmdline.substring(cmdline.lastIndexOf('/', app - 1) + 1, app);
    }

    /**
     * A process's or thread's user and system time; a PostgreSQL process's with that of its children that have ended
     * (the postmaster's autovacuum and parallel workers and closed sessions, reaped during the phase): without them a
     * worker that ended inside the phase took its time with it, and PostgreSQL's figure came out short.
     */
    private static double cpuSeconds(Path proc) {
        try {
            long[] ticks = ticks(proc);
            return (ticks[0] + ticks[1]) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One process's own CPU seconds so far (not its ended children's); 0 where there is no /proc. */
    static double ownSeconds(long pid) {
        try {
            return ticks(Path.of("/proc", Long.toString(pid)))[0] / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process's own user and system ticks, and, for a PostgreSQL process, those of its children that ended. */
    private static long[] ticks(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        int nameEnd = stat.lastIndexOf(')');
        String[] fields = stat.substring(nameEnd + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long children = stat.substring(stat.indexOf('(') + 1, nameEnd).equals("postgres")
                ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0;
        return new long[] { own, children };
    }
}
