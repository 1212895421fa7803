package io.lcpr.ingest.batch;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * 200 when every record was stored or already known; 400 naming the refused records, the rest still stored. Each
 * refused record counts in {@code ingest.records.rejected} by record kind and field, what an operator alerts on when
 * a sender starts sending something broken.
 */
@ApplicationScoped
public class BatchResponses {
    private final MeterRegistry registry;

    public BatchResponses(MeterRegistry registry) {
        this.registry = registry;
    }

    public Response of(String kind, BatchResult result) {
        for (RecordError e : result.errors()) {
            registry.counter("ingest.records.rejected", "kind", kind, "field", e.field() == null ? "record"
                    : e.field()).increment();
        }
        return Response.status(result.rejected() == 0 ? Response.Status.OK : Response.Status.BAD_REQUEST)
                .entity(result).build();
    }
}
