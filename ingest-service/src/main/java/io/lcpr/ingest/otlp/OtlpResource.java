package io.lcpr.ingest.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.ingest.batch.Admission;
import io.lcpr.ingest.batch.BoundedBody;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * OTLP/HTTP traces at the standard path, JSON or protobuf (gzip bodies are inflated by the HTTP layer). The answer is
 * an ExportTraceServiceResponse: empty when every span was taken, else {@code partialSuccess} with the rejected
 * count and the reasons. Non-inference spans are ignored, not rejected.
 */
@Path("/v1/traces")
public class OtlpResource {
    private final OtlpTraceService service;
    private final BoundedBody bounded;
    private final Admission admission;

    public OtlpResource(OtlpTraceService service, BoundedBody bounded, Admission admission) {
        this.service = service;
        this.bounded = bounded;
        this.admission = admission;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> export(InputStream body) throws IOException {
        admission.check();
        JsonNode request;
        try {
            request = EventJson.MAPPER.readTree(bounded.of(body));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed OTLP JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new BadRequestException("an ExportTraceServiceRequest JSON object is required");
        }
        OtlpTraceService.Result result = service.ingest(OtlpJson.spans(request));
        Map<String, Object> response = new LinkedHashMap<>();
        if (result.rejected() > 0) {
            response.put("partialSuccess", Map.of("rejectedSpans", result.rejected(),
                    "errorMessage", String.join("; ", result.reasons())));
        }
        return response;
    }

    @POST
    @Consumes("application/x-protobuf")
    @Produces("application/x-protobuf")
    public byte[] exportProtobuf(InputStream body) throws IOException {
        admission.check();
        java.util.List<GenAiSpanMapper.Span> spans;
        try {
            spans = OtlpProtobuf.spans(bounded.of(body));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new BadRequestException("malformed OTLP protobuf: " + e.getMessage());
        }
        OtlpTraceService.Result result = service.ingest(spans);
        return OtlpProtobuf.response(result.rejected(), String.join("; ", result.reasons()));
    }
}
