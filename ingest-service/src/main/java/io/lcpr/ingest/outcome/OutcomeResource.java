package io.lcpr.ingest.outcome;

import java.io.InputStream;

import io.lcpr.events.Outcome;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.batch.Admission;
import io.lcpr.ingest.batch.BatchIngest;
import io.lcpr.ingest.batch.BatchResponses;
import io.lcpr.ingest.batch.BoundedBody;
import io.lcpr.ingest.batch.RecordReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Eval verdicts, SLO verdicts, human escalations and final acceptance, as a JSON array or NDJSON. */
@Path("/api/outcomes")
public class OutcomeResource {
    private final BatchIngest<Outcome> ingest;
    private final BatchResponses responses;
    private final BoundedBody bounded;
    private final Admission admission;

    public OutcomeResource(OutcomeService service, IngestConfig config, BatchResponses responses,
            BoundedBody bounded, Admission admission) {
        this.bounded = bounded;
        this.admission = admission;
        this.responses = responses;
        this.ingest = new BatchIngest<>(RecordReader.of(Outcome.class), new OutcomeValidator()::validate, service::store,
                config.chunkSize());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(InputStream body) {
        admission.check();
        return responses.of("outcome", ingest.ingest(bounded.of(body)));
    }
}
