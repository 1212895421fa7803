package io.lcpr.delivery;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** A record as a batch consumer received it: where it was read and its value, for handling or dead-lettering. */
public record ConsumedRecord(String topic, int partition, long offset, String key, String value) {

    public static List<ConsumedRecord> of(ConsumerRecords<String, String> records) {
        List<ConsumedRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            batch.add(new ConsumedRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        return batch;
    }
}
