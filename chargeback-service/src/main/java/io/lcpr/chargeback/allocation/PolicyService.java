package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The policy chosen for each period, every choice kept with who made it and when. */
@ApplicationScoped
public class PolicyService {
    private final EntityManager em;

    public PolicyService(EntityManager em) {
        this.em = em;
    }

    /** A policy in force for a period and where it comes from (who chose it and when; null: the suite's default). */
    public record Choice(String period, AllocationPolicy policy, String chosenBy, Instant chosenAt) {
    }

    @Transactional
    public Choice choose(String period, PolicyRequest r) {
        List<String> problems = new ArrayList<>();
        month(period, problems);
        AllocationMode mode = AllocationMode.parse(r.mode());
        if (mode == null) {
            problems.add("mode: '" + r.mode() + "' is not one of "
                    + Arrays.stream(AllocationMode.values()).map(AllocationMode::wire).toList());
        }
        UsageBasis basis = r.basis() == null ? UsageBasis.TRACE_COST : UsageBasis.parse(r.basis());
        if (basis == null) {
            problems.add("basis: '" + r.basis() + "' is not one of "
                    + Arrays.stream(UsageBasis.values()).map(UsageBasis::wire).toList());
        }
        if (r.hybridFloor() != null && r.hybridFloor().signum() < 0) {
            problems.add("hybrid_floor: must not be negative");
        }
        BigDecimal reserve = r.reservePct() == null ? BigDecimal.ZERO : r.reservePct();
        if (reserve.signum() < 0 || reserve.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add("reserve_pct: a percentage from 0 to 100, got " + reserve);
        }
        String cache = r.cacheDiscount() == null ? "pass_through" : r.cacheDiscount().trim();
        if (!cache.equals("pass_through") && !cache.equals("to_warmer")) {
            problems.add("cache_discount: '" + r.cacheDiscount() + "' is not pass_through or to_warmer");
        }
        String adapter = r.adapterCost() == null ? "trainer" : r.adapterCost().trim();
        if (!adapter.equals("trainer") && !adapter.equals("amortize")) {
            problems.add("adapter_cost: '" + r.adapterCost() + "' is not trainer or amortize");
        }
        if (r.chosenBy() == null || r.chosenBy().isBlank()) {
            problems.add("chosen_by: who chooses the policy is required (it is recorded with the period)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant now = Instant.now();
        em.createNativeQuery("""
                insert into period_policy (period, mode, basis, uniform_per_seat, hybrid_floor, reserve_pct, chosen_by,
                    chosen_at, cache_discount, adapter_cost) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """).setParameter(1, period).setParameter(2, mode.wire()).setParameter(3, basis.wire())
                .setParameter(4, Boolean.TRUE.equals(r.uniformPerSeat())).setParameter(5, r.hybridFloor())
                .setParameter(6, reserve).setParameter(7, r.chosenBy()).setParameter(8, now).setParameter(9, cache)
                .setParameter(10, adapter).executeUpdate();
        return new Choice(period, new AllocationPolicy(mode, basis, Boolean.TRUE.equals(r.uniformPerSeat()),
                r.hybridFloor(), reserve, cache.equals("to_warmer"), adapter.equals("amortize")), r.chosenBy(), now);
    }

    /** The newest choice for the period, else the suite's default. */
    @Transactional
    public Choice inForce(String period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select mode, basis, uniform_per_seat, hybrid_floor, chosen_by, chosen_at, reserve_pct, cache_discount,
                    adapter_cost from period_policy
                where period = ?1 order by chosen_at desc, id desc limit 1
                """).setParameter(1, period).getResultList();
        if (rows.isEmpty()) {
            return new Choice(period, AllocationPolicy.DEFAULT, null, null);
        }
        Object[] r = rows.get(0);
        return new Choice(period, new AllocationPolicy(AllocationMode.parse((String) r[0]),
                UsageBasis.parse((String) r[1]), (Boolean) r[2], (BigDecimal) r[3], (BigDecimal) r[6],
                "to_warmer".equals(r[7]), "amortize".equals(r[8])), (String) r[4],
                r[5] instanceof Instant i ? i : ((java.time.OffsetDateTime) r[5]).toInstant());
    }

    static void month(String period, List<String> problems) {
        try {
            YearMonth.parse(period == null ? "" : period);
        } catch (DateTimeParseException e) {
            problems.add("period: '" + period + "' is not a month (YYYY-MM)");
        }
    }
}
