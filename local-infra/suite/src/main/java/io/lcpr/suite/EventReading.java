package io.lcpr.suite;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceEventReader;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.TopicReader;

/**
 * reconcile-service's ways of reading llm.traces.v1 timed over the same events, as ingest published them: the text
 * decoded then databind (how it read until session 32), databind over the bytes, and TraceEventReader. Rounds
 * alternate so that each way sees the same JIT and heap; the best round of each counts.
 */
final class EventReading {
    private static final int ROUNDS = 5;

    private EventReading() {
    }

    static String compare(String bootstrap, int count) {
        List<byte[]> events = TopicReader.await(bootstrap, Topics.TRACES, r -> true, count, Duration.ofSeconds(120))
                .stream().limit(count).map(r -> r.value().getBytes(StandardCharsets.UTF_8)).toList();
        for (byte[] e : events) { // the timings below mean something only if the ways agree
            if (!TraceEventReader.read(e).equals(EventJson.read(e, TraceRecordedV1.class))) {
                throw new IllegalStateException("TraceEventReader and databind disagree on "
                        + new String(e, StandardCharsets.UTF_8));
            }
        }
        double[] best = { Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE };
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (byte[] e : events) {
                sink += EventJson.read(new String(e, StandardCharsets.UTF_8), TraceRecordedV1.class).schemaVersion();
            }
            long t1 = System.nanoTime();
            for (byte[] e : events) {
                sink += EventJson.read(e, TraceRecordedV1.class).schemaVersion();
            }
            long t2 = System.nanoTime();
            for (byte[] e : events) {
                sink += TraceEventReader.read(e).schemaVersion();
            }
            long t3 = System.nanoTime();
            best[0] = Math.min(best[0], (t1 - t0) / 1e3 / events.size());
            best[1] = Math.min(best[1], (t2 - t1) / 1e3 / events.size());
            best[2] = Math.min(best[2], (t3 - t2) / 1e3 / events.size());
        }
        if (sink != (long) ROUNDS * 3 * events.size() * TraceRecordedV1.SCHEMA_VERSION) {
            throw new IllegalStateException("events read with an unexpected schema version");
        }
        return String.format("reading %,d llm.traces.v1 events as ingest published them (best of %d rounds, µs an"
                + " event): text then databind %.2f, databind over the bytes %.2f, TraceEventReader %.2f (%.1fx the"
                + " first)", events.size(), ROUNDS, best[0], best[1], best[2], best[0] / best[2]);
    }
}
