package io.lcpr.reconcile.usage;

import java.util.ArrayList;
import java.util.List;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.delivery.DeadLetters;
import io.lcpr.events.EventJson;
import io.lcpr.events.InvalidEventException;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceEventReader;
import io.lcpr.events.TraceRecordedV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A poll of traces or outcomes in one transaction: readable events stored and folded (UsageService), unreadable
 * records dead-lettered to reconcile-service.dlq with the reason, so a poll's offsets commit once both are safe.
 */
@ApplicationScoped
public class UsageBatches {
    private final UsageService usage;
    private final DeadLetters deadLetters;
    private final Counter traces;
    private final Counter outcomes;

    public UsageBatches(UsageService usage, DeadLetters deadLetters, MeterRegistry registry) {
        this.usage = usage;
        this.deadLetters = deadLetters;
        this.traces = registry.counter("reconcile.traces.folded");
        this.outcomes = registry.counter("reconcile.outcomes.recorded");
    }

    @Transactional
    public void traces(List<ConsumedRecord> records) {
        traces.increment(usage.recordTraces(readable(records, TraceRecordedV1.class)));
    }

    @Transactional
    public void outcomes(List<ConsumedRecord> records) {
        outcomes.increment(usage.recordOutcomes(readable(records, OutcomeRecordedV1.class)));
    }

    /** The poll's readable events; each unreadable record is dead-lettered with its reason. */
    private <T> List<T> readable(List<ConsumedRecord> records, Class<T> type) {
        List<T> events = new ArrayList<>(records.size());
        for (ConsumedRecord r : records) {
            T e = read(r, type);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    private <T> T read(ConsumedRecord r, Class<T> type) {
        try {
            if (r.bytes() == null) {
                throw new InvalidEventException(type.getSimpleName() + ": empty record");
            }
            T event = type == TraceRecordedV1.class ? type.cast(TraceEventReader.read(r.bytes()))
                    : EventJson.read(r.bytes(), type);
            String missing = missing(event);
            if (missing != null) {
                throw new InvalidEventException(type.getSimpleName() + ": " + missing + " is required");
            }
            return event;
        } catch (InvalidEventException e) {
            deadLetters.send(Topics.RECONCILE_DLQ, r, e.getMessage());
            return null;
        }
    }

    /** The first field a stored event cannot do without, or null. */
    private static String missing(Object event) {
        if (event instanceof TraceRecordedV1 t) {
            if (t.dedupeKey() == null) {
                return "dedupeKey";
            }
            if (t.trace() == null || t.trace().startedAt() == null || t.trace().provider() == null
                    || t.trace().model() == null || t.trace().inputTokens() == null) {
                return "trace (provider, model, started_at, input_tokens)";
            }
            if (t.trace().attemptKind() == null || t.trace().serviceTier() == null) {
                return "trace (attempt_kind, service_tier)";
            }
        } else if (event instanceof OutcomeRecordedV1 o) {
            if (o.eventId() == null || o.outcome() == null || o.outcome().kind() == null) {
                return "eventId and outcome.kind";
            }
        }
        return null;
    }
}
