package io.lcpr.ingest.coverage;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The twenty-trace exercise over stored traces: a sample, the six answers per trace, the classes and the gaps. */
@Path("/api/coverage")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {
    private final CoverageService service;

    public CoverageResource(CoverageService service) {
        this.service = service;
    }

    @GET
    public Coverage.Report exercise(@QueryParam("workload") String workload, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("size") @DefaultValue("20") int size,
            @QueryParam("seed") String seed) {
        if (size < 1 || size > 1000) {
            throw new BadRequestException("size must be 1..1000, got " + size);
        }
        try {
            Instant start = from == null ? Instant.EPOCH : Instant.parse(from);
            Instant end = to == null ? Instant.now().plusSeconds(86_400) : Instant.parse(to);
            return service.exercise(workload, start, end, size, seed == null ? UUID.randomUUID().toString() : seed);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("from and to are instants, e.g. 2026-04-01T00:00:00Z");
        }
    }
}
