package io.lcpr.ingest.trace;

import java.util.ArrayList;
import java.util.List;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.delivery.DeadLetters;
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
    private final TraceService traces;
    private final DeadLetters deadLetters;
    private final TraceValidator validator;
    private final CanonicalTraceReader reader = new CanonicalTraceReader();

    public RawTraceService(TraceService traces, DeadLetters deadLetters, IngestConfig config) {
        this.traces = traces;
        this.deadLetters = deadLetters;
        this.validator = TraceValidator.from(config);
    }

    /** Returns how many records were stored as new traces. */
    @Transactional
    public int ingest(List<ConsumedRecord> records) {
        List<CanonicalTrace> valid = new ArrayList<>(records.size());
        for (ConsumedRecord r : records) {
            try {
                byte[] json = r.bytes() == null ? new byte[0] : r.bytes();
                valid.add(validator.validate(0, reader.read(0, json, 0, json.length)));
            } catch (InvalidRecordException e) {
                deadLetters.send(Topics.INGEST_DLQ, r, e.error().field() + ": " + e.error().reason());
            }
        }
        return traces.store(valid);
    }
}
