package io.lcpr.ingest.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Topics;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.lcpr.ingest.trace.read.CanonicalTraceReader;
import io.lcpr.ingest.trace.read.TraceValidator;

/**
 * Canonical traces from gateways that produce to {@code llm.traces.raw}, one per record. A poll's valid records
 * are stored in one transaction; each refused one goes to {@code ingest-service.dlq} through the outbox in that same
 * transaction, with why and where it came from in its headers, so the offset is committed only once both are safe.
 */
@ApplicationScoped
public class RawTraceService {
    /** A record as consumed: its coordinates and value. */
    public record RawRecord(String topic, int partition, long offset, String key, String value) {
    }

    private final TraceService traces;
    private final Outbox outbox;
    private final TraceValidator validator;
    private final CanonicalTraceReader reader = new CanonicalTraceReader();

    public RawTraceService(TraceService traces, Outbox outbox, IngestConfig config) {
        this.traces = traces;
        this.outbox = outbox;
        this.validator = TraceValidator.from(config);
    }

    /** Returns how many records were stored as new traces. */
    @Transactional
    public int ingest(List<RawRecord> records) {
        List<CanonicalTrace> valid = new ArrayList<>(records.size());
        for (RawRecord r : records) {
            try {
                byte[] json = r.value() == null ? new byte[0] : r.value().getBytes(StandardCharsets.UTF_8);
                valid.add(validator.validate(0, reader.read(0, json, 0, json.length)));
            } catch (InvalidRecordException e) {
                deadLetter(r, e.error().field() + ": " + e.error().reason());
            }
        }
        return traces.store(valid);
    }

    private void deadLetter(RawRecord r, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-topic", r.topic());
        headers.put("dead-letter-partition", Integer.toString(r.partition()));
        headers.put("dead-letter-offset", Long.toString(r.offset()));
        String id = r.topic() + "/" + r.partition() + "/" + r.offset();
        outbox.addRaw(UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Topics.INGEST_DLQ,
                r.key(), r.value() == null ? "" : r.value(), headers);
    }
}
