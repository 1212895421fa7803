package io.lcpr.ingest.batch;

import java.util.List;

/** What happened to a batch: stored (accepted), already stored before (duplicates), refused (rejected, with why). */
public record BatchResult(int received, int accepted, int duplicates, int rejected, List<RecordError> errors) {
}
