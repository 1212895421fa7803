package io.lcpr.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * A record as a batch consumer received it: where it was read and its value as the broker holds it (UTF-8 bytes:
 * parsers read them directly, without a String decoded first), for handling or dead-lettering.
 */
public record ConsumedRecord(String topic, int partition, long offset, String key, byte[] bytes) {

    /** A record with a text value (tests, and anything that has the value as text already). */
    public ConsumedRecord(String topic, int partition, long offset, String key, String value) {
        this(topic, partition, offset, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value as text (a dead letter carries it so), null when the record has none. */
    public String value() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static List<ConsumedRecord> of(ConsumerRecords<String, byte[]> records) {
        List<ConsumedRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            batch.add(new ConsumedRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        return batch;
    }
}
