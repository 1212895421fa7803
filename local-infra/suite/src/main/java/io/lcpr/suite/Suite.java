package io.lcpr.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.infra.DemoIssuer;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;

/**
 * The whole suite on one machine: PostgreSQL and Kafka (or the user's, see LocalInfra), then the five services as
 * separate processes, each waited on until ready. {@code main} also loads the demo month and prints where to look.
 */
public final class Suite implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Suite.class.getName());

    /** Service module, default port, and the environment variable that overrides the port. */
    record ServiceSpec(String module, int defaultPort, String portVariable) {
    }

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("ingest-service", 8081, "INGEST_PORT"),
            new ServiceSpec("pricing-service", 8082, "PRICING_PORT"),
            new ServiceSpec("reconcile-service", 8083, "RECONCILE_PORT"),
            new ServiceSpec("chargeback-service", 8084, "CHARGEBACK_PORT"),
            new ServiceSpec("graphql-api", 8080, "GRAPHQL_PORT"));

    private final LocalInfra infra;
    private final Map<String, ServiceProcess> services;
    private final DemoIssuer issuer;
    private final Path root;
    private final Path logs;
    private final Map<String, Map<String, String>> environments;

    private Suite(LocalInfra infra, Map<String, ServiceProcess> services, DemoIssuer issuer, Path root, Path logs,
            Map<String, Map<String, String>> environments) {
        this.infra = infra;
        this.services = services;
        this.issuer = issuer;
        this.root = root;
        this.logs = logs;
        this.environments = environments;
    }

    /**
     * Starts everything. {@code randomPorts} picks free ports (tests); otherwise the documented defaults, each
     * overridable by its environment variable.
     */
    public static Suite start(Path root, Path workDir, Map<String, String> env, boolean randomPorts) {
        LocalInfra infra = LocalInfra.start(workDir, env);
        DemoIssuer issuer = DemoIssuer.in(workDir.resolve("jwt"));
        LocalCredentials.use(issuer);
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        try {
            Map<String, String> serviceEnv = infra.serviceEnvironment();
            for (ServiceSpec spec : SERVICES) {
                int port = randomPorts ? Ports.free()
                        : Integer.parseInt(env.getOrDefault(spec.portVariable(), Integer.toString(spec.defaultPort())));
                Map<String, String> own = new java.util.HashMap<>(serviceEnv);
                if (started.containsKey("reconcile-service")) { // chargeback's close asks ingest and reconcile
                    own.put("CHARGEBACK_RECONCILE_URL", started.get("reconcile-service").url());
                    own.put("CHARGEBACK_INGEST_URL", started.get("ingest-service").url());
                }
                if (started.containsKey("chargeback-service")) { // graphql-api forwards mutations to their owners
                    own.put("GRAPHQL_RECONCILE_URL", started.get("reconcile-service").url());
                    own.put("GRAPHQL_CHARGEBACK_URL", started.get("chargeback-service").url());
                    own.put("GRAPHQL_INGEST_URL", started.get("ingest-service").url());
                    own.put("GRAPHQL_UI_ENABLED", "true");
                }
                environments.put(spec.module(), own);
                started.put(spec.module(), ServiceProcess.start(root, spec.module(), port, own,
                        workDir.resolve("logs")));
            }
            for (ServiceProcess service : started.values()) {
                service.awaitReady(Duration.ofSeconds(180));
                LOG.info(service.name() + " ready at " + service.url());
            }
            return new Suite(infra, started, issuer, root, workDir.resolve("logs"), environments);
        } catch (RuntimeException e) {
            new Suite(infra, started, issuer, root, workDir.resolve("logs"), environments).close();
            throw e;
        }
    }

    public String url(String module) {
        return services.get(module).url();
    }

    /** The service's process (to kill, pause or measure it). */
    public synchronized ServiceProcess process(String module) {
        return services.get(module);
    }

    /** Starts a service again on its port with its environment (after a kill), its log beside the first. */
    public synchronized ServiceProcess restart(String module, Duration timeout) {
        ServiceProcess old = services.get(module);
        int generation = 2;
        while (java.nio.file.Files.exists(logs.resolve(module + "-" + generation))) {
            generation++;
        }
        ServiceProcess fresh = ServiceProcess.start(root, module, old.port(), environments.get(module),
                logs.resolve(module + "-" + generation));
        services.put(module, fresh);
        fresh.awaitReady(timeout);
        return fresh;
    }

    /** Lines of the service's logs (every start of it) that contain the text. */
    public long logLines(String module, String text) {
        try (var files = Files.walk(logs)) {
            long n = 0;
            for (Path log : files.filter(f -> f.getFileName().toString().equals(module + ".log")).toList()) {
                try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    n += lines.filter(l -> l.contains(text)).count();
                }
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the logs of " + module, e);
        }
    }

    /** Where the database, the broker and the logs keep their files. */
    public Path workDir() {
        return logs.getParent();
    }

    /** The database and broker, to stop and start them. */
    public LocalInfra infra() {
        return infra;
    }

    public String graphqlEndpoint() {
        return url("graphql-api") + "/graphql";
    }

    /** The demo issuer every service trusts here (its keys in the work directory's jwt/). */
    public DemoIssuer issuer() {
        return issuer;
    }

    /** A GraphQL query as platform-admin: its {@code data}; errors thrown. */
    public JsonNode graphql(String query) {
        return Http.graphql(graphqlEndpoint(), issuer.admin(), query);
    }

    public String bootstrapServers() {
        return infra.bootstrapServers();
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::signalStop);
        reversed.forEach(ServiceProcess::close);
        infra.close();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path workDir = root.resolve(System.getenv().getOrDefault("SUITE_WORK_DIR", ".local"));
        Files.createDirectories(workDir);
        System.out.println("Starting PostgreSQL, Kafka and five services (logs in " + workDir.resolve("logs") + ") ...");
        Suite suite = start(root, workDir, System.getenv(), false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the suite ...");
            suite.close();
            stopped.countDown();
        }, "suite-stop"));
        DemoMonth demo = new DemoMonth(suite);
        demo.load(System.out::println);
        System.out.println();
        System.out.println("GraphQL:    " + suite.graphqlEndpoint() + "   (UI: " + suite.url("graphql-api") + "/q/graphql-ui)");
        System.out.println("Example query:");
        System.out.println("  " + DemoMonth.EXAMPLE_QUERY);
        System.out.println("Answer:");
        System.out.println("  " + suite.graphql(DemoMonth.EXAMPLE_QUERY));
        System.out.println();
        System.out.println("Bearer tokens for GraphQL and every service's /api (12 h; header Authorization: Bearer <token>):");
        System.out.println("  platform-admin: " + suite.issuer().admin());
        System.out.println("  finance:        " + suite.issuer().finance());
        System.out.println("  team-member of " + DemoMonth.DEMO_TEAM + ": " + suite.issuer().member(DemoMonth.DEMO_TEAM));
        System.out.println("  trace-sender:   " + suite.issuer().sender());
        System.out.println("  (more: ./suite.sh token --role team-member --teams a,b)");
        System.out.println();
        for (ServiceSpec spec : SERVICES) {
            System.out.printf("  %-19s %s%n", spec.module(), suite.url(spec.module()));
        }
        System.out.println("Kafka:      " + suite.bootstrapServers());
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
    }
}
