package io.lcpr.chargeback.transfer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The registry of shared prefixes, fine-tuned adapters and dedicated endpoints, and what adapters amortized. */
@ApplicationScoped
public class AssetService {
    static final Set<String> KINDS = Set.of("prefix", "adapter", "endpoint");

    private final EntityManager em;

    public AssetService(EntityManager em) {
        this.em = em;
    }

    /** An asset as registered through the API. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AssetRequest(String ownerTeam, String description, BigDecimal trainingCost, String trainingMonth,
            Long expectedCalls, Long capacityTokensPerHour, BigDecimal costPerHour) {
    }

    @Transactional
    public Asset define(String kind, String ref, AssetRequest r) {
        List<String> problems = new ArrayList<>();
        if (!KINDS.contains(kind)) {
            problems.add("kind: '" + kind + "' is not prefix, adapter or endpoint");
        }
        if (r == null || r.ownerTeam() == null || r.ownerTeam().isBlank()) {
            throw new IllegalArgumentException(String.join("; ", problems) + (problems.isEmpty() ? "" : "; ")
                    + "owner_team: is required");
        }
        if ("adapter".equals(kind) && r.trainingCost() != null) {
            if (r.trainingCost().signum() < 0) {
                problems.add("training_cost: must not be negative");
            }
            try {
                YearMonth.parse(r.trainingMonth() == null ? "" : r.trainingMonth());
            } catch (java.time.format.DateTimeParseException e) {
                problems.add("training_month: the month the training cost is charged in (YYYY-MM) is required");
            }
            if (r.expectedCalls() != null && r.expectedCalls() <= 0) {
                problems.add("expected_calls: must be positive");
            }
        }
        if ("endpoint".equals(kind) && (r.capacityTokensPerHour() == null || r.capacityTokensPerHour() <= 0
                || r.costPerHour() == null || r.costPerHour().signum() < 0)) {
            problems.add("capacity_tokens_per_hour and cost_per_hour: an endpoint's capacity and cost are required");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        em.createNativeQuery("""
                insert into attributed_asset (kind, ref, owner_team, description, training_cost, training_month,
                    expected_calls, capacity_tokens_per_hour, cost_per_hour, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                on conflict (kind, ref) do update set owner_team = excluded.owner_team,
                    description = excluded.description, training_cost = excluded.training_cost,
                    training_month = excluded.training_month, expected_calls = excluded.expected_calls,
                    capacity_tokens_per_hour = excluded.capacity_tokens_per_hour,
                    cost_per_hour = excluded.cost_per_hour, updated_at = excluded.updated_at
                """).setParameter(1, kind).setParameter(2, ref).setParameter(3, r.ownerTeam())
                .setParameter(4, r.description()).setParameter(5, r.trainingCost()).setParameter(6, r.trainingMonth())
                .setParameter(7, r.expectedCalls()).setParameter(8, r.capacityTokensPerHour())
                .setParameter(9, r.costPerHour()).setParameter(10, Instant.now()).executeUpdate();
        return all().get(kind + "/" + ref);
    }

    /** Every asset, keyed {@code kind/ref}. */
    @Transactional
    public Map<String, Asset> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, ref, owner_team, description, training_cost,"
                + " training_month, expected_calls, capacity_tokens_per_hour, cost_per_hour from attributed_asset")
                .getResultList();
        Map<String, Asset> out = new TreeMap<>();
        for (Object[] r : rows) {
            out.put(r[0] + "/" + r[1], new Asset((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (BigDecimal) r[4], (String) r[5], r[6] == null ? null : ((Number) r[6]).longValue(),
                    r[7] == null ? null : ((Number) r[7]).longValue(), (BigDecimal) r[8]));
        }
        return out;
    }

    /** Per adapter, what the closed months before {@code period} amortized (each month's latest version). */
    @Transactional
    public Map<String, BigDecimal> amortizedBefore(String period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select ref, sum(amount) from (
                    select distinct on (period, ref) period, ref, amount from adapter_amortization
                    where period < ?1 order by period, ref, version desc) latest
                group by ref
                """).setParameter(1, period).getResultList();
        Map<String, BigDecimal> out = new TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], (BigDecimal) r[1]));
        return out;
    }

    /** Records what a closed month's version amortized (at its close or correction). */
    public void recordAmortized(String period, int version, Map<String, BigDecimal> amortized) {
        amortized.forEach((ref, amount) -> em.createNativeQuery("insert into adapter_amortization (period, version,"
                + " ref, amount) values (?1, ?2, ?3, ?4)").setParameter(1, period).setParameter(2, version)
                .setParameter(3, ref).setParameter(4, amount).executeUpdate());
    }
}
