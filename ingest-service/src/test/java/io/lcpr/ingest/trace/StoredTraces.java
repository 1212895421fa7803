package io.lcpr.ingest.trace;

import java.util.List;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Test reads of the trace table, through the same repository the service reads with. */
public final class StoredTraces {
    private StoredTraces() {
    }

    public static List<CanonicalTrace> byRequestId(String requestId) {
        TraceRepository repository = Arc.container().instance(TraceRepository.class).get();
        return QuarkusTransaction.requiringNew().call(() -> repository.findByRequestId(requestId)).stream()
                .map(StoredTrace::trace).toList();
    }

    /** The one trace stored with this request id. */
    public static CanonicalTrace one(String requestId) {
        List<CanonicalTrace> found = byRequestId(requestId);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " traces stored with request id " + requestId + ", expected one");
        }
        return found.get(0);
    }
}
