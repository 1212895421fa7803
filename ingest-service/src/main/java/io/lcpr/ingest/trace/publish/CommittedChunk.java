package io.lcpr.ingest.trace.publish;

import java.util.List;
import io.lcpr.ingest.trace.store.StoredTrace;


/** A chunk whose traces are stored, fired inside the storing transaction and observed once it has committed. */
public record CommittedChunk(long id, List<StoredTrace> traces) {
}
