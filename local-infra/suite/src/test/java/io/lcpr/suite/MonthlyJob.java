package io.lcpr.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

/**
 * The monthly CronJob's own command (deploy/kubernetes/monthly-reconciliation.yaml, read from the file) run with
 * this machine's sh and curl against the local suite, and a token endpoint standing in for the organisation's
 * issuer: client credentials in, a token of the role it is given out.
 */
final class MonthlyJob implements AutoCloseable {
    static final String CLIENT_ID = "monthly-reconciliation";
    static final String CLIENT_SECRET = "s3cret";
    private final HttpServer issuer;

    /** What one run of the job printed, and its exit code. */
    record Run(int exit, String output) {
    }

    MonthlyJob(Supplier<String> token) throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        issuer.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && form.contains("grant_type=client_credentials");
            byte[] body = (ok ? "{\"access_token\":\"" + token.get() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"unauthorized_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
    }

    /** The job's shell command: the folded block under {@code args:}, its lines joined as YAML folds them. */
    static String command(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        int start = lines.indexOf(lines.stream().filter(l -> l.trim().equals("- >-")).findFirst().orElseThrow(
                () -> new IllegalStateException(manifest + " has no folded command under args:")));
        List<String> script = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith(" ".repeat(18))) {
                break;
            }
            script.add(line.trim());
        }
        return String.join(" ", script);
    }

    Run run(Path manifest, Suite suite, String clientSecret, Path tmp) throws Exception {
        // the job writes to /tmp (an emptyDir in the pod): here, a directory of the test's own
        String command = command(manifest).replace("/tmp/", tmp.toAbsolutePath() + "/");
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        sh.environment().putAll(Map.of("TOKEN_URL", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/token",
                "CLIENT_ID", CLIENT_ID, "CLIENT_SECRET", clientSecret,
                "RECONCILE_URL", suite.url("reconcile-service"), "CHARGEBACK_URL", suite.url("chargeback-service")));
        Process p = sh.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the monthly job did not end: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    @Override
    public void close() {
        issuer.stop(0);
    }
}
