package io.lcpr.pricing.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import io.lcpr.pricing.quote.Instants;
import io.lcpr.pricing.snapshot.SnapshotService;
import io.lcpr.pricing.snapshot.VersionResult;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Whole price files as one snapshot version each; the same file twice makes no new version. */
@Path("/api/pricing/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    private final SnapshotService snapshots;

    public ImportResource(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    /** LiteLLM's model price file; effective_from defaults to the start of today (UTC). */
    @POST
    @Path("/litellm")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM })
    public Response litellm(InputStream file, @QueryParam("effective_from") String effectiveFrom,
            @QueryParam("changed_by") String changedBy) throws IOException {
        MessageDigest sha = sha256();
        LiteLlmPrices.Parsed parsed;
        try {
            parsed = LiteLlmPrices.parse(new DigestInputStream(file, sha), start(effectiveFrom));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) { // JSON, but not a price file (an array, a string): the caller's to fix
            throw new BadRequestException(e.getMessage());
        }
        VersionResult result = snapshots.addVersion(LiteLlmPrices.SOURCE, changedBy, parsed.entries(),
                parsed.skipped(), false, HexFormat.of().formatHex(sha.digest()));
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK).entity(result).build();
    }

    /** A negotiated rate card (see RateCardCsv for the header); any bad cell refuses the file. */
    @POST
    @Path("/csv")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public Response csv(InputStream file, @QueryParam("source") String source,
            @QueryParam("changed_by") String changedBy) throws IOException {
        if (source == null || source.isBlank()) {
            throw new BadRequestException("source is required (the rate card's name, e.g. contract-2026-openai)");
        }
        try {
            VersionResult result = snapshots.addVersion(source, changedBy,
                    RateCardCsv.parse(new InputStreamReader(file, StandardCharsets.UTF_8)), List.of(), true, null);
            return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK).entity(result)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static Instant start(String value) {
        if (value == null) {
            return LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return Instants.dateOrInstant(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("effective_from: '" + value + "' is not a date or an instant");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
