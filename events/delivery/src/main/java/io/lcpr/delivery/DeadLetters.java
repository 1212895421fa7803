package io.lcpr.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Sends a refused record to a dead-letter topic through the outbox, in the transaction that handles the rest of
 * its batch: the batch's offsets are committed only once both are safe. The dead letter is the record's value
 * unchanged, with where it was read and why it was refused in its headers (Topics.DEAD_LETTER_HEADERS).
 */
@ApplicationScoped
public class DeadLetters {
    private final Outbox outbox;
    private final MeterRegistry registry;

    public DeadLetters(Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.registry = registry;
    }

    @Transactional(TxType.MANDATORY)
    public void send(String deadLetterTopic, ConsumedRecord r, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-topic", r.topic());
        headers.put("dead-letter-partition", Integer.toString(r.partition()));
        headers.put("dead-letter-offset", Long.toString(r.offset()));
        // One id per source position: a batch handled again after a crash dead-letters the record once.
        String id = r.topic() + "/" + r.partition() + "/" + r.offset();
        outbox.addRawOnce(UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)), deadLetterTopic, r.key(),
                r.value() == null ? "" : r.value(), headers);
        registry.counter("dead.letters", "topic", deadLetterTopic, "source", r.topic()).increment();
    }
}
