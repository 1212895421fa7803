package io.lcpr.ingest.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why one record of a batch was refused: its position in the batch, the field, and the reason. */
// returned through a bare Response: registered for the native image's JSON writer
@RegisterForReflection
public record RecordError(int index, String field, String reason) {
}
