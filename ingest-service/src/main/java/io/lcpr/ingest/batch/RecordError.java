package io.lcpr.ingest.batch;

/** Why one record of a batch was refused: its position in the batch, the field, and the reason. */
public record RecordError(int index, String field, String reason) {
}
