package io.lcpr.events;

/**
 * A Kafka topic the suite owns: its name, partition count, whether it is log-compacted, and how long a record is
 * kept when it is not ({@link #FOREVER}: never deleted). The local launcher creates topics from these, and the
 * Strimzi KafkaTopic resources in deploy/kubernetes are rendered from them (DeployManifestsTest keeps the two
 * equal).
 */
public record TopicSpec(String name, int partitions, boolean compacted, long retentionMs) {
    public static final long FOREVER = -1;
    public static final long DAY_MS = 86_400_000L;

    /** A compacted registry: every key's latest record kept, whatever its age. */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true, FOREVER);
    }

    /** A stream whose records are deleted after {@code days} ({@link #FOREVER} for a record kept for good). */
    public static TopicSpec stream(String name, int partitions, long days) {
        return new TopicSpec(name, partitions, false, days == FOREVER ? FOREVER : days * DAY_MS);
    }
}
