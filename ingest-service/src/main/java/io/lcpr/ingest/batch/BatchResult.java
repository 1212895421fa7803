package io.lcpr.ingest.batch;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What happened to a batch: stored (accepted), already stored before (duplicates), refused (rejected, with why). */
// returned through a bare Response: registered for the native image's JSON writer
@RegisterForReflection
public record BatchResult(int received, int accepted, int duplicates, int rejected, List<RecordError> errors) {
}
