package io.lcpr.pricing.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.price.PriceHistory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Price questions: the price at an instant, everything in force on a day, the cost of a list of calls. */
@Path("/api/pricing")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {
    private final PriceQueryService prices;

    public PriceResource(PriceQueryService prices) {
        this.prices = prices;
    }

    @GET
    @Path("/price")
    public PriceHistory.Quote price(@QueryParam("provider") String provider, @QueryParam("model") String model,
            @QueryParam("tier") String tier, @QueryParam("region") String region, @QueryParam("at") String at) {
        if (provider == null || model == null || at == null) {
            throw new BadRequestException("provider, model and at (an instant) are required");
        }
        Instant instant = instant(at);
        return prices.quote(provider.toLowerCase(java.util.Locale.ROOT), model, tier, region, instant)
                .orElseThrow(() -> new NotFoundException(PriceQueryService.noPrice(provider, model, tier, instant)));
    }

    @GET
    @Path("/in-force")
    public List<PriceHistory.Entry> inForce(@QueryParam("day") String day) {
        if (day == null) {
            throw new BadRequestException("day (YYYY-MM-DD) is required");
        }
        Instant start = LocalDate.parse(day).atStartOfDay().toInstant(ZoneOffset.UTC);
        return prices.inForceDuring(start, start.plusSeconds(86_400));
    }

    /** The calls to price, snake_case usage records. */
    public record CostRequest(List<Call> calls) {
    }

    /** One call's usage. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Call(String provider, String model, String serviceTier, String region, Instant startedAt,
            long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens, long reasoningTokens) {
    }

    /** Per-call costs, their total, and the calls that could not be priced (never counted as zero). */
    public record CostAnswer(List<PriceQueryService.CallCost> calls, BigDecimal total, long unpriced) {
    }

    @POST
    @Path("/costs")
    @Consumes(MediaType.APPLICATION_JSON)
    public CostAnswer costs(CostRequest request) {
        if (request == null || request.calls() == null) {
            throw new BadRequestException("calls: a list of usage records is required");
        }
        for (int i = 0; i < request.calls().size(); i++) {
            Call c = request.calls().get(i);
            if (c.provider() == null || c.model() == null || c.startedAt() == null) {
                throw new BadRequestException("calls[" + i + "]: provider, model and started_at are required");
            }
        }
        List<PriceQueryService.CallCost> costs = prices.costs(request.calls().stream()
                .map(c -> new PriceQueryService.CallUsage(c.provider().toLowerCase(java.util.Locale.ROOT), c.model(),
                        c.serviceTier(), c.region(), c.startedAt(), c.inputTokens(), c.cacheReadTokens(),
                        c.cacheCreationTokens(), c.outputTokens(), c.reasoningTokens()))
                .toList());
        BigDecimal total = costs.stream().map(PriceQueryService.CallCost::cost).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CostAnswer(costs, total, costs.stream().filter(c -> c.cost() == null).count());
    }

    private static Instant instant(String value) {
        try {
            return Instants.dateOrInstant(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("at: '" + value + "' is not an instant (2026-04-14T00:00:00Z) or a date");
        }
    }

}
