package io.lcpr.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends an already-serialized event to the topic it names, over the one {@code outbox} channel, and completes when
 * the broker has acknowledged it. Only relays call this: a business transaction writes an outbox row instead.
 * The buffer is unbounded because every caller sends a bounded batch and waits for its acknowledgements.
 */
@ApplicationScoped
public class TopicSender {
    private final Emitter<String> emitter;

    public TopicSender(@Channel("outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public CompletableFuture<Void> send(String topic, String key, String payload, Map<String, String> headers) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(key).withHeaders(kafkaHeaders).build();
        Message<String> message = Message.of(payload)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(metadata);
        emitter.send(message);
        return acked;
    }
}
