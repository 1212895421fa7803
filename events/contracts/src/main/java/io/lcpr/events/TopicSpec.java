package io.lcpr.events;

/** A Kafka topic the suite owns: its name, partition count and whether it is log-compacted. */
public record TopicSpec(String name, int partitions, boolean compacted) {
}
