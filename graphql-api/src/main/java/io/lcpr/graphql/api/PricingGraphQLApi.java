package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.access.Visibility;
import io.lcpr.graphql.owner.OwnerException;
import io.lcpr.graphql.owner.Owners;
import io.lcpr.graphql.projection.ProjectionService;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;

/**
 * Prices from the projected pricing.snapshots.v1 and pricing.aliases.v1 (the rule every service prices by: the entry
 * in force at the call's start), and a work unit's call chain, which ingest-service keeps, priced by them.
 */
@GraphQLApi
public class PricingGraphQLApi {
    private final ProjectionService projections;
    private final Owners owners;
    private final Access access;

    public PricingGraphQLApi(ProjectionService projections, Owners owners, Access access) {
        this.projections = projections;
        this.owners = owners;
        this.access = access;
    }

    @Query
    @Description("The list price of a model (a name or alias as calls report it) on a tier in force at an instant")
    public Pricing.Price priceAt(@NonNull String provider, @NonNull String model,
            @DefaultValue("standard") String tier, @NonNull String at) {
        access.caller(); // list prices are no team's: any role
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at: '" + at + "' is not an ISO instant (2026-04-01T00:00:00Z)");
        }
        return projections.priceHistory(provider).quote(provider, model, tier, "", instant)
                .map(q -> Pricing.Price.of(provider, model, tier, instant, q)).orElse(null);
    }

    @Query
    @Description("A work unit's call chain (from ingest-service, which stores the calls) with each call's list-price"
            + " cost at its start, its outcomes and final verdict; NOT_FOUND when no call carries the id")
    public Pricing.WorkUnit workUnit(@NonNull String id) throws OwnerException {
        Visibility visible = access.visibility();
        JsonNode chain = owners.ingest("/api/work-units/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        visible.requireWorkload(chain.path("workload").asText(null));
        PriceHistory prices = null;
        String pricesOf = null;
        List<Pricing.Call> calls = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int unpriced = 0;
        for (JsonNode c : chain.path("calls")) {
            String provider = c.path("provider").asText(null);
            if (provider != null && !provider.equals(pricesOf)) {
                prices = projections.priceHistory(provider);
                pricesOf = provider;
            }
            Instant startedAt = Instant.parse(c.path("startedAt").asText());
            Optional<PriceHistory.Quote> quote = provider == null ? Optional.empty()
                    : prices.quote(provider, c.path("model").asText(), c.path("serviceTier").asText("standard"),
                            c.path("region").asText(""), startedAt);
            BigDecimal cost = quote.map(q -> q.rates().cost(new Rates.Usage(c.path("inputTokens").asLong(),
                    c.path("cacheReadTokens").asLong(), c.path("cacheCreationTokens").asLong(),
                    c.path("outputTokens").asLong(), c.path("reasoningTokens").asLong()))).orElse(null);
            if (cost == null) {
                unpriced++;
            } else {
                total = total.add(cost);
            }
            calls.add(new Pricing.Call(c.path("position").asInt(), text(c, "requestId"), text(c, "attemptKind"),
                    text(c, "parentRequestId"), provider, text(c, "model"), text(c, "serviceTier"), text(c, "team"),
                    startedAt, c.path("inputTokens").asLong(),
                    c.path("cacheReadTokens").asLong(), c.path("cacheCreationTokens").asLong(),
                    c.path("outputTokens").asLong(), c.path("reasoningTokens").asLong(), number(c, "ttftMs"),
                    number(c, "e2eMs"), text(c, "status"), text(c, "finishReason"), cost,
                    quote.map(q -> q.entry().id() + " (" + q.basis() + ")").orElse(null)));
        }
        List<Pricing.Outcome> outcomes = new ArrayList<>();
        for (JsonNode o : chain.path("outcomes")) {
            outcomes.add(new Pricing.Outcome(text(o, "kind"), text(o, "requestId"), bool(o, "passed"),
                    o.hasNonNull("humanCost") ? o.get("humanCost").decimalValue() : null, text(o, "reason"),
                    o.hasNonNull("observedAt") ? Instant.parse(o.get("observedAt").asText()) : null));
        }
        JsonNode fin = chain.path("finalOutcome");
        return new Pricing.WorkUnit(chain.path("workUnitId").asText(), text(chain, "workload"), calls, outcomes, total,
                unpriced, text(fin, "finalRequestId"), bool(fin, "evalPassed"), bool(fin, "sloPassed"),
                fin.path("escalated").asBoolean(), bool(fin, "accepted"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Long number(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }

    private static Boolean bool(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asBoolean() : null;
    }
}
