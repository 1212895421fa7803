package io.lcpr.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.infra.SharedData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Hostile and malformed input for every way data comes into the suite, generated with jqwik's arbitraries from a
 * fixed seed: real records and the shared real-world files with one value replaced by something hostile (text of
 * any characters and length, numbers beyond {@code long}, non-finite and negative numbers, impossible dates, deep
 * nesting), cut short, with invalid UTF-8, or made up from nothing. Every answer must be a 2xx or a 4xx that says
 * what is wrong: never a 5xx, a hang or a dead service. What was generated stays away from the demo's data (its own
 * workload, provider and years), so the end-to-end figures stay as they are.
 */
final class HostileInput {
    static final long SEED = 20261201L;
    private static final String PLACEHOLDER = "\u0000hostile\u0000";
    private static final String ODD = "{}()[]\":!$@#\\\u0000\uD800";

    /** One request: where, what content type, the body. */
    record Sent(String service, String method, String path, String contentType, Map<String, String> headers,
            byte[] body) {
        String shown() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + service + path + " (" + contentType + ", " + body.length + " bytes): " + text;
        }
    }

    /** A surface: its name, how many cases, and how one case is made from the random source. */
    record Surface(String name, int cases, Function<Random, Sent> make) {
    }

    /** What a surface's cases were answered, by status, and every answer that broke the rule. */
    record Outcome(String surface, Map<Integer, Integer> statuses, List<String> broken) {
    }

    /** Raw JSON text: a value no well-behaved sender would send (made inside the jqwik session). */
    private static Arbitrary<String> hostile;

    private static Arbitrary<String> hostileValues() {
        return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(400).map(EventJson::write),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(70_000).map(EventJson::write),
            Arbitraries.of("9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "-1", "-0.0", "0.5",
                    "1E-400", "123456789012345678901234567890", "NaN", "Infinity", "-Infinity", "null", "true",
                    "{}", "[]", "\"\"", "\" \"", "\"\\ud800\"", "\"\\u0000\"", "\"2026-13-45T99:00:00Z\"",
                    "\"0000-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\"",
                    "\"-1\"", "\"1e400\"", "\"USD\\n\"", "\"../../etc/passwd\""),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0"),
            Arbitraries.integers().between(1, 3000).map(d -> "[".repeat(d) + "]".repeat(d)),
            Arbitraries.integers().between(1, 3000).map(d -> "{\"a\":".repeat(d) + "1" + "}".repeat(d)));
    }

    private static String hostile(Random r) {
        return hostile.generator(1000).next(r).value();
    }

    private HostileInput() {
    }

    static List<Surface> surfaces() {
        List<Surface> all = new ArrayList<>();
        all.add(new Surface("traces, JSON array", 150, r -> json("ingest-service", "/api/traces",
                batch(r, HostileInput::trace))));
        all.add(new Surface("traces, NDJSON", 100, r -> ndjson("ingest-service", "/api/traces",
                batch(r, HostileInput::trace), r)));
        all.add(new Surface("outcomes, NDJSON", 100, r -> ndjson("ingest-service", "/api/outcomes",
                batch(r, HostileInput::outcome), r)));
        all.add(new Surface("outcomes, JSON array", 100, r -> json("ingest-service", "/api/outcomes",
                batch(r, HostileInput::outcome))));
        all.add(new Surface("OTLP/HTTP JSON", 100, r -> new Sent("ingest-service", "POST", "/v1/traces",
                "application/json", Map.of(), damage(mutate(otlpSpan(), r), r))));
        all.add(new Surface("OTLP/HTTP protobuf", 100, r -> new Sent("ingest-service", "POST", "/v1/traces",
                "application/x-protobuf", Map.of(), protobufShaped(r, 0))));
        all.add(new Surface("gzip bodies inflating to 1-200 MiB", 8, r -> gzipBomb(r)));
        all.add(new Surface("price snapshots", 100, r -> json("pricing-service", "/api/pricing/snapshots",
                damage(mutate(snapshot(r), r), r))));
        all.add(new Surface("LiteLLM price file", 40, r -> json("pricing-service",
                "/api/pricing/imports/litellm?effective_from=2031-0" + (1 + r.nextInt(9)) + "-01",
                damage(mutate(litellm(r), r), r))));
        all.add(new Surface("model aliases", 60, r -> new Sent("pricing-service", "PUT", "/api/pricing/aliases",
                "application/json", Map.of(), damage(mutate(alias(r), r), r))));
        all.add(new Surface("provider contracts", 60, r -> json("pricing-service", "/api/pricing/contracts",
                damage(mutate(contract(r), r), r))));
        all.add(new Surface("revenue terms", 60, r -> json("pricing-service", "/api/pricing/revenue-terms",
                damage(mutate(revenueTerm(r), r), r))));
        all.add(new Surface("rate-card CSV", 100, r -> new Sent("pricing-service", "POST",
                "/api/pricing/imports/csv?source=fuzz", "text/csv", Map.of(), rateCard(r))));
        all.add(new Surface("invoice: OpenAI costs", 40, r -> new Sent("reconcile-service", "POST",
                "/api/invoices/imports?format=openai-costs&billing_account=fuzz-" + r.nextInt(5), "application/json",
                Map.of(), damage(mutate(shared("examples/openai_costs_response.json"), r), r))));
        all.add(new Surface("invoice: Anthropic cost report", 40, r -> new Sent("reconcile-service", "POST",
                "/api/invoices/imports?format=anthropic-cost-report&billing_account=fuzz-" + r.nextInt(5),
                "application/json", Map.of(), damage(mutate(shared("examples/anthropic_cost_report_response.json"),
                        r), r))));
        all.add(new Surface("invoice: FOCUS export", 40, r -> new Sent("reconcile-service", "POST",
                "/api/invoices/imports?format=focus", "text/csv", Map.of(), damage(focus(r), r))));
        all.add(new Surface("GraphQL queries", 150, r -> json("graphql-api", "/graphql", graphql(r))));
        return all;
    }

    /**
     * Sends every case of every surface; each answer judged, the statuses counted. The arbitraries generate inside a
     * jqwik session (outside a property jqwik refuses to), from this class's own seeded random source.
     */
    static List<Outcome> run(Suite suite) {
        JqwikSession.start(Long.toString(SEED));
        try {
            hostile = hostileValues();
            return run(suite, surfaces());
        } finally {
            JqwikSession.finish();
        }
    }

    private static List<Outcome> run(Suite suite, List<Surface> surfaces) {
        Random random = new Random(SEED);
        List<Outcome> outcomes = new ArrayList<>();
        for (Surface s : surfaces) {
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            List<String> broken = new ArrayList<>();
            for (int i = 0; i < s.cases(); i++) {
                Sent sent = s.make().apply(random);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url(sent.service())
                        + sent.path())).header("Content-Type", sent.contentType())
                        .method(sent.method(), HttpRequest.BodyPublishers.ofByteArray(sent.body()));
                sent.headers().forEach(request::header);
                try {
                    Http.Reply reply = Http.sendAs(request, LocalCredentials.adminBearer());
                    statuses.merge(reply.status(), 1, Integer::sum);
                    if (reply.status() >= 500) {
                        broken.add(reply.status() + " " + clip(reply.body()) + " <- " + sent.shown());
                    } else if (reply.status() >= 400 && reply.body().isBlank()) {
                        broken.add(reply.status() + " without saying why <- " + sent.shown());
                    } else if (!tallies(reply.body())) {
                        broken.add("received is not accepted + duplicates + rejected: " + clip(reply.body())
                                + " <- " + sent.shown());
                    }
                } catch (RuntimeException e) {
                    statuses.merge(0, 1, Integer::sum);
                    broken.add("no answer (" + e.getMessage() + ") <- " + sent.shown());
                }
            }
            outcomes.add(new Outcome(s.name(), statuses, broken));
        }
        return outcomes;
    }

    /** A batch answer counts every record once: nothing lost, nothing counted twice (other answers pass). */
    private static boolean tallies(String body) {
        try {
            JsonNode n = EventJson.MAPPER.readTree(body);
            if (n == null || !n.has("received") || !n.has("accepted")) {
                return true;
            }
            return n.get("received").asLong() == n.get("accepted").asLong() + n.path("duplicates").asLong()
                    + n.path("rejected").asLong();
        } catch (IOException e) {
            return true;
        }
    }

    // ---- records as they arrive, one value made hostile

    private static ObjectNode trace(Random r) {
        ObjectNode t = (ObjectNode) EventJson.MAPPER.valueToTree(TwelveRequestTrace.traces().get(r.nextInt(12)));
        String id = "fuzz-" + UUID.randomUUID();
        t.put("request_id", id).put("work_unit_id", id).put("workload", "fuzz-workload")
                .put("started_at", "2018-0" + (1 + r.nextInt(9)) + "-15T09:00:00Z"); // long before the demo
        t.remove("parent_request_id");
        return t;
    }

    private static ObjectNode outcome(Random r) {
        ObjectNode o = (ObjectNode) EventJson.MAPPER.valueToTree(TwelveRequestTrace.outcomes().get(0));
        o.put("request_id", "fuzz-" + UUID.randomUUID());
        if (o.has("work_unit_id")) {
            o.put("work_unit_id", "fuzz-" + UUID.randomUUID());
        }
        return o;
    }

    /** One to four records, one of them made hostile (as text with a placeholder still to fill). */
    private static List<String> batch(Random r, Function<Random, ObjectNode> record) {
        int n = 1 + r.nextInt(4);
        int bad = r.nextInt(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode node = record.apply(r);
            out.add(i == bad ? new String(mutate(node, r), StandardCharsets.UTF_8) : EventJson.write(node));
        }
        return out;
    }

    private static Sent json(String service, String path, List<String> records) {
        return json(service, path, ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8));
    }

    private static Sent json(String service, String path, byte[] body) {
        return new Sent(service, "POST", path, "application/json", Map.of(), body);
    }

    private static Sent ndjson(String service, String path, List<String> records, Random r) {
        byte[] body = damage(String.join(r.nextBoolean() ? "\n" : "\r\n", records).getBytes(StandardCharsets.UTF_8),
                r);
        return new Sent(service, "POST", path, "application/x-ndjson", Map.of(), body);
    }

    private static ObjectNode snapshot(Random r) {
        ObjectNode s = EventJson.MAPPER.createObjectNode();
        s.put("provider", "fuzz-provider").put("model", "fuzz-model-" + r.nextInt(1000)).put("service_tier",
                "standard").put("effective_from", "2031-0" + (1 + r.nextInt(9)) + "-01T00:00:00Z")
                .put("input_per_million", 1.25).put("output_per_million", 10).put("currency", "USD");
        return s;
    }

    private static ObjectNode alias(Random r) {
        return EventJson.MAPPER.createObjectNode().put("provider", "fuzz-provider").put("alias", "fuzz-alias-"
                + r.nextInt(1000)).put("model", "fuzz-model-" + r.nextInt(1000));
    }

    /** Terms as ContractResourceTest sends them: a batch discount, a commitment, a credit with its window. */
    private static ObjectNode contract(Random r) {
        ObjectNode c = EventJson.MAPPER.createObjectNode().put("provider", "fuzz-provider-" + r.nextInt(1000))
                .put("billing_account", "fuzz").put("name", "fuzz agreement").put("billing_time_zone",
                        "America/Los_Angeles").put("effective_from", "2031-0" + (1 + r.nextInt(9)) + "-01T08:00:00Z")
                .put("batch_discount_factor", 0.45).put("committed_spend", 150000);
        c.putArray("credits").addObject().put("name", "launch").put("amount", 5000).put("valid_from",
                "2031-01-01T08:00:00Z").put("valid_to", "2031-07-01T07:00:00Z");
        return c;
    }

    private static ObjectNode revenueTerm(Random r) {
        return EventJson.MAPPER.createObjectNode().put("workload", "fuzz-workload-" + r.nextInt(100)).put("kind",
                "per_accepted_unit").put("amount", 0.55).put("effective_from", "2031-0" + (1 + r.nextInt(9))
                        + "-01T00:00:00Z");
    }

    /** A dozen entries of LiteLLM's own file, as LiteLLM publishes them. */
    private static ObjectNode litellm(Random r) {
        ObjectNode whole = (ObjectNode) shared("litellm_model_prices.json");
        List<String> names = new ArrayList<>();
        whole.fieldNames().forEachRemaining(names::add);
        ObjectNode part = EventJson.MAPPER.createObjectNode();
        for (int i = 0; i < 12; i++) {
            String name = names.get(r.nextInt(names.size()));
            part.set(name, whole.get(name));
        }
        return part;
    }

    private static byte[] rateCard(Random r) {
        String[] header = { "provider", "model", "input_per_million", "output_per_million", "effective_from",
            "service_tier", "currency", "per_web_search" };
        String[] cells = { "fuzz-provider", "\"fuzz, model\"", "\"fuzz \"\"quoted\"\" model\"", "1.5", "-2", "1e400",
            "NaN", "2031-01-01T00:00:00Z", "2031-13-01", "standard", "batch", "USD", "", "\"", "\"\"", "\"a\nb\"",
            "\uFEFF", "0.01", "x".repeat(300) };
        StringBuilder csv = new StringBuilder(r.nextInt(4) == 0 ? "\uFEFF" : "");
        String eol = r.nextBoolean() ? "\r\n" : "\n";
        csv.append(String.join(",", header)).append(eol);
        int rows = r.nextInt(6);
        for (int i = 0; i < rows; i++) {
            int width = header.length + r.nextInt(3) - 1;
            List<String> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                row.add(cells[r.nextInt(cells.length)]);
            }
            csv.append(String.join(",", row)).append(eol);
        }
        return damage(csv.toString().getBytes(StandardCharsets.UTF_8), r);
    }

    private static byte[] focus(Random r) {
        try {
            List<String> lines = Files.readAllLines(SharedData.file("focus_sample.csv"));
            StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
            for (int i = 0; i < 5; i++) {
                String line = lines.get(1 + r.nextInt(lines.size() - 1));
                if (i == 0) {
                    String[] cells = line.split(",", -1);
                    cells[r.nextInt(cells.length)] = hostile(r).replace("\"", "\"\"");
                    line = String.join(",", cells);
                }
                out.append(line).append('\n');
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] graphql(Random r) {
        String[] queries = { DemoMonth.EXAMPLE_QUERY, "{ periods { period state } }",
            "{ allocations(period: \"2031-01\") { team amount } }",
            "{ workUnit(id: \"fuzz\") { cost calls { position } } }",
            "{ priceAt(provider: \"openai\", model: \"gpt-4o\", at: \"2031-01-01T00:00:00Z\") { inputPerMillion } }",
            "mutation { setBudget(name: \"fuzz\", scopeKind: \"project\", scope: \"fuzz\", period: \"daily\","
                    + " amount: 1) { name } }" };
        String q = queries[r.nextInt(queries.length)];
        StringBuilder edited = new StringBuilder(q);
        int edits = r.nextInt(4);
        for (int i = 0; i < edits && edited.length() > 0; i++) {
            int at = r.nextInt(edited.length());
            switch (r.nextInt(4)) {
                case 0 -> edited.deleteCharAt(at);
                case 1 -> edited.insert(at, ODD.charAt(r.nextInt(ODD.length())));
                case 2 -> edited.insert(at, "{ a ".repeat(1 + r.nextInt(500)));
                default -> edited.insert(at, hostile(r));
            }
        }
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("query", edited.toString());
        if (r.nextInt(5) == 0) {
            body.set("variables", EventJson.MAPPER.createObjectNode().put("x", "y"));
        }
        return EventJson.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode otlpSpan() {
        return shared("examples/otlp_http_json_genai_chat_span.json");
    }

    // ---- how a value is made hostile and a body damaged

    /** The tree with one value (any depth) replaced by a hostile one, or a field added, as JSON bytes. */
    static byte[] mutate(JsonNode tree, Random r) {
        JsonNode copy = tree.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || r.nextInt(6) == 0 ? "fuzz_" + r.nextInt(100)
                    : names.get(r.nextInt(names.size()));
            o.set(name, TextNode.valueOf(PLACEHOLDER));
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty()) {
                a.add(TextNode.valueOf(PLACEHOLDER));
            } else {
                a.set(r.nextInt(a.size()), TextNode.valueOf(PLACEHOLDER));
            }
        }
        String text = EventJson.write(copy).replace(EventJson.write(PLACEHOLDER),
                hostile(r));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    /** Now and then the body cut short, or invalid UTF-8 put into it; mostly as it is. */
    static byte[] damage(byte[] body, Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> java.util.Arrays.copyOf(body, body.length == 0 ? 0 : r.nextInt(body.length));
            case 1 -> {
                int at = body.length == 0 ? 0 : r.nextInt(body.length);
                byte[][] invalid = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                    { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };
                byte[] bad = invalid[r.nextInt(invalid.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, at);
                out.writeBytes(bad);
                out.write(body, at, body.length - at);
                yield out.toByteArray();
            }
            default -> body;
        };
    }

    /** Bytes that look like protobuf: tags, lengths (some lying), nested messages, random payloads. */
    static byte[] protobufShaped(Random r, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int fields = r.nextInt(depth == 0 ? 6 : 3);
        for (int i = 0; i < fields; i++) {
            int field = 1 + r.nextInt(12);
            int wire = new int[] { 0, 1, 2, 2, 2, 5, 3, 7 }[r.nextInt(8)];
            varint(out, ((long) field << 3) | wire);
            switch (wire) {
                case 0 -> varint(out, r.nextLong());
                case 1 -> out.writeBytes(new byte[8]);
                case 5 -> out.writeBytes(new byte[4]);
                case 2 -> {
                    byte[] inner = depth < 40 && r.nextBoolean() ? protobufShaped(r, depth + 1)
                            : randomBytes(r, r.nextInt(64));
                    varint(out, r.nextInt(10) == 0 ? inner.length + r.nextInt(1000) : inner.length);
                    out.writeBytes(inner);
                }
                default -> out.writeBytes(randomBytes(r, r.nextInt(4)));
            }
        }
        return out.toByteArray();
    }

    /**
     * A small gzip body that inflates to 1-200 MiB: a valid record repeated (NDJSON), or one endless JSON string
     * (OTLP); past the 64 MiB body limit it must be a 413, below it what the records deserve; now and then the
     * stream is cut short.
     */
    private static Sent gzipBomb(Random r) {
        String[] paths = { "/api/traces", "/api/outcomes", "/v1/traces" };
        String path = paths[r.nextInt(paths.length)];
        byte[] unit = switch (path) {
            case "/api/traces" -> (EventJson.write(trace(r)) + "\n").getBytes(StandardCharsets.UTF_8);
            case "/api/outcomes" -> (EventJson.write(outcome(r)) + "\n").getBytes(StandardCharsets.UTF_8);
            default -> "a".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        };
        long target = (1L + r.nextInt(200)) << 20;
        try {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                if (path.startsWith("/v1")) {
                    gz.write("{\"resourceSpans\":[{\"x\":\"".getBytes(StandardCharsets.US_ASCII));
                }
                for (long written = 0; written < target; written += unit.length) {
                    gz.write(unit);
                }
                if (path.startsWith("/v1")) {
                    gz.write("\"}]}".getBytes(StandardCharsets.US_ASCII));
                }
            }
            byte[] body = r.nextInt(4) == 0 ? java.util.Arrays.copyOf(packed.toByteArray(), packed.size() / 2)
                    : packed.toByteArray();
            return new Sent("ingest-service", "POST", path, path.startsWith("/v1") ? "application/json"
                    : "application/x-ndjson", Map.of("Content-Encoding", "gzip"), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static final Map<String, JsonNode> FILES = new LinkedHashMap<>();

    private static synchronized JsonNode shared(String name) {
        return FILES.computeIfAbsent(name, n -> {
            try {
                return EventJson.MAPPER.readTree(SharedData.file(n).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
