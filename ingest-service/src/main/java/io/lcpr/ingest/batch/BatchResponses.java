package io.lcpr.ingest.batch;

import jakarta.ws.rs.core.Response;

/** 200 when every record was stored or already known; 400 naming the refused records, the rest still stored. */
public final class BatchResponses {
    private BatchResponses() {
    }

    public static Response of(BatchResult result) {
        return Response.status(result.rejected() == 0 ? Response.Status.OK : Response.Status.BAD_REQUEST)
                .entity(result).build();
    }
}
