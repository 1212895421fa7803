package io.lcpr.ingest.trace;

import java.io.InputStream;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.batch.BatchIngest;
import io.lcpr.ingest.batch.BatchResponses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.lcpr.ingest.trace.read.CanonicalTraceReader;
import io.lcpr.ingest.trace.read.TraceValidator;

/** Canonical trace records, as a JSON array or NDJSON. */
@Path("/api/traces")
public class TraceResource {
    private final BatchIngest<CanonicalTrace> ingest;

    public TraceResource(TraceService service, IngestConfig config) {
        this.ingest = new BatchIngest<>(new CanonicalTraceReader(), TraceValidator.from(config)::validate, service::store, config.chunkSize());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(InputStream body) {
        return BatchResponses.of(ingest.ingest(body));
    }
}
