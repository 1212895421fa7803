package io.lcpr.ingest.trace;

import java.io.InputStream;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.batch.Admission;
import io.lcpr.ingest.batch.BatchIngest;
import io.lcpr.ingest.batch.BatchResponses;
import io.lcpr.ingest.batch.BoundedBody;
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
    private final TraceService service;
    private final BatchResponses responses;
    private final BoundedBody bounded;
    private final Admission admission;

    public TraceResource(TraceService service, IngestConfig config, BatchResponses responses, BoundedBody bounded,
            Admission admission) {
        this.bounded = bounded;
        this.admission = admission;
        this.service = service;
        this.responses = responses;
        this.ingest = new BatchIngest<>(new CanonicalTraceReader(), TraceValidator.from(config)::validate,
                service::store, config.chunkSize());
    }

    /** Traces of a month stored and not yet published ({@code ?period=YYYY-MM}): what a period close checks. */
    @jakarta.ws.rs.GET
    @jakarta.ws.rs.Path("/backlog")
    @Produces(MediaType.APPLICATION_JSON)
    public TraceService.Backlog backlog(@jakarta.ws.rs.QueryParam("period") String period) {
        try {
            return service.backlog(java.time.YearMonth.parse(period == null ? "" : period));
        } catch (java.time.format.DateTimeParseException e) {
            throw new jakarta.ws.rs.BadRequestException("period: '" + period + "' is not a month (YYYY-MM)");
        }
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(InputStream body) {
        admission.check();
        return responses.of("trace", ingest.ingest(bounded.of(body)));
    }
}
