package io.lcpr.ingest.batch;

/** One record of a batch as read from the wire and bound to its type, or the reason it could not be. */
public record ParsedRecord<T>(int index, T value, RecordError error) {
}
