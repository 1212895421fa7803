package io.lcpr.delivery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends an already-serialized event to the topic it names and completes when the broker has acknowledged it. Only
 * relays call this: a business transaction writes an outbox row instead. It uses the Kafka producer of the
 * {@code outbox} channel (its configuration, its health check) directly: relays send tens of thousands of events a
 * second, and going through an emitter costs several times the producer's own work per event.
 */
@ApplicationScoped
public class TopicSender {
    private static final String CHANNEL = "outbox";

    private final KafkaClientService clients;
    private volatile Producer<String, byte[]> producer;

    public TopicSender(KafkaClientService clients) {
        this.clients = clients;
    }

    public CompletableFuture<Void> send(String topic, String key, String payload, Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        byte[] value = payload.getBytes(StandardCharsets.UTF_8);
        producer().send(new ProducerRecord<>(topic, null, key, value, kafkaHeaders), (metadata, failure) -> {
            if (failure == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(failure);
            }
        });
        return acked;
    }

    /** An event for {@link #sendAll}: its key and its payload, already UTF-8 (the hot relay writes bytes directly). */
    public record Keyed(String key, byte[] payload) {
    }

    /**
     * Sends the events, in order, to one topic; completes when the broker has acknowledged every one, or fails with
     * the first failure. One countdown for the lot instead of a future per event: relays send thousands at a time.
     */
    public CompletableFuture<Void> sendAll(String topic, List<Keyed> events) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        if (events.isEmpty()) {
            acked.complete(null);
            return acked;
        }
        AtomicInteger remaining = new AtomicInteger(events.size());
        Callback countdown = (metadata, failure) -> {
            if (failure != null) {
                acked.completeExceptionally(failure);
            } else if (remaining.decrementAndGet() == 0) {
                acked.complete(null);
            }
        };
        Producer<String, byte[]> p = producer();
        for (Keyed e : events) {
            p.send(new ProducerRecord<>(topic, e.key(), e.payload()), countdown);
        }
        return acked;
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            p = clients.<String, byte[]> getProducer(CHANNEL).unwrap();
            producer = p;
        }
        return p;
    }
}
