package io.lcpr.reconcile.signal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/signals")
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {
    private final SignalService signals;

    public SignalResource(SignalService signals) {
        this.signals = signals;
    }

    /**
     * The operating signals of a period, or of whole hours {@code [from, to)} (what an alert's evidence link names),
     * per value of {@code by} (hour, workload, team, provider, model, api_key, project): calls, errors by type, tokens
     * and cache hit rate, TTFT, end-to-end and output-length percentiles.
     */
    @GET
    public Map<String, SignalRollup.Summary> signals(@QueryParam("period") String period,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by) {
        if (from != null || to != null) {
            try {
                return signals.read(Instant.parse(from), Instant.parse(to), dimension(by));
            } catch (java.time.format.DateTimeParseException | NullPointerException e) {
                throw new BadRequestException("from and to must both be instants (2026-04-14T14:00:00Z)");
            }
        }
        return signals.read(Period.fromRequest(period), dimension(by));
    }

    private static SignalKey.Dimension dimension(String by) {
        if (by == null || by.isBlank()) {
            return SignalKey.Dimension.WORKLOAD;
        }
        try {
            return SignalKey.Dimension.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("by must be one of " + Arrays.toString(SignalKey.Dimension.values())
                    .toLowerCase(Locale.ROOT) + ", got " + by);
        }
    }
}
