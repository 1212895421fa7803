package io.lcpr.chargeback.incident;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.lcpr.chargeback.allocation.WorkloadUsage;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.money.Split;

/**
 * Incident credits (001 ch 27): no team accepts paying for work an incident wasted, so each incident of the month is
 * credited to the teams that used its workloads (by their trace-derived cost of those workloads), paid from a reserve
 * that every team funds with a share of its charge ({@code reservePct}). What an incident asks is the inference and
 * the human escalation cost above the workloads' baseline (its engineering time is the platform's own). The reserve
 * opens with last closed month's balance; when it cannot pay everything asked, it pays what it holds, shared by
 * what each team asked; the balance is carried to the next month. Amounts in cents, split by the largest remainder.
 */
public final class IncidentCredits {
    /** One incident: what it asked, what each affected team is credited. */
    public record Credit(UUID incidentId, String name, String category, List<String> workloads, BigDecimal asked,
            Map<String, BigDecimal> askedByTeam) {
    }

    /**
     * The month's reserve: the share of charges, the opening balance, each team's funding and credit, what was asked
     * and paid, and the closing balance; the incidents credited.
     */
    public record Result(BigDecimal reservePct, BigDecimal opening, Map<String, BigDecimal> funding,
            Map<String, BigDecimal> credits, BigDecimal asked, BigDecimal paid, BigDecimal closing,
            List<Credit> incidents) {
        public static Result none(BigDecimal opening) {
            return new Result(BigDecimal.ZERO, opening, Map.of(), Map.of(), cents(BigDecimal.ZERO),
                    cents(BigDecimal.ZERO), opening, List.of());
        }

        public BigDecimal fundingOf(String team) {
            return funding.getOrDefault(team, cents(BigDecimal.ZERO));
        }

        public BigDecimal creditOf(String team) {
            return credits.getOrDefault(team, cents(BigDecimal.ZERO));
        }

        /**
         * The team's credit incident by incident: its part of each claim, and what was granted (the parts asked,
         * or the team's credit split by them when the reserve paid less), adding up to {@link #creditOf}.
         */
        public List<TeamAllocationV1.IncidentCredit> incidentsOf(String team) {
            Map<String, BigDecimal> askedParts = new java.util.LinkedHashMap<>();
            for (Credit c : incidents) {
                BigDecimal part = c.askedByTeam().get(team);
                if (part != null && part.signum() > 0) {
                    askedParts.put(c.incidentId().toString(), part);
                }
            }
            if (askedParts.isEmpty()) {
                return List.of();
            }
            BigDecimal askedOfTeam = askedParts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, BigDecimal> granted = creditOf(team).compareTo(askedOfTeam) == 0 ? askedParts
                    : Split.proportional(creditOf(team), askedParts, 2);
            List<TeamAllocationV1.IncidentCredit> out = new ArrayList<>();
            for (Credit c : incidents) {
                String id = c.incidentId().toString();
                if (askedParts.containsKey(id)) {
                    out.add(new TeamAllocationV1.IncidentCredit(c.incidentId(), c.name(), askedParts.get(id),
                            cents(granted.get(id))));
                }
            }
            return out;
        }
    }

    private IncidentCredits() {
    }

    public static Result compute(List<IncidentV1> incidents, List<WorkloadUsage> workloads,
            Map<String, BigDecimal> charges, BigDecimal reservePct, BigDecimal opening) {
        Map<String, BigDecimal> funding = new TreeMap<>();
        BigDecimal funded = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> c : charges.entrySet()) {
            BigDecimal f = c.getValue().signum() <= 0 ? cents(BigDecimal.ZERO)
                    : cents(c.getValue().multiply(reservePct).movePointLeft(2));
            funding.put(c.getKey(), f);
            funded = funded.add(f);
        }
        List<Credit> credited = new ArrayList<>();
        Map<String, BigDecimal> asked = new TreeMap<>();
        BigDecimal askedTotal = cents(BigDecimal.ZERO);
        for (IncidentV1 i : incidents) {
            BigDecimal claim = cents(positive(i.extraInferenceCost()).add(positive(i.extraHumanCost())));
            Map<String, BigDecimal> weights = new TreeMap<>();
            for (WorkloadUsage w : workloads) {
                if (i.workloads() != null && i.workloads().contains(w.workload())) {
                    w.byTeam().forEach((t, u) -> {
                        if (!t.equals(TeamAllocationV1.UNKNOWN_TEAM) && u.traceCost().signum() > 0) {
                            weights.merge(t, u.traceCost(), BigDecimal::add);
                        }
                    });
                }
            }
            if (claim.signum() == 0 || weights.isEmpty()) {
                continue; // nothing to credit, or nobody who used the workloads this month
            }
            Map<String, BigDecimal> parts = new TreeMap<>(Split.proportional(claim, weights, 2));
            parts.forEach((t, p) -> asked.merge(t, p, BigDecimal::add));
            askedTotal = askedTotal.add(claim);
            credited.add(new Credit(i.incidentId(), i.name(), i.category(), i.workloads(), claim, parts));
        }
        BigDecimal available = opening.add(funded).max(BigDecimal.ZERO);
        BigDecimal paid = askedTotal.min(available);
        Map<String, BigDecimal> credits = paid.compareTo(askedTotal) == 0 ? asked
                : new TreeMap<>(Split.proportional(paid, asked, 2));
        return new Result(reservePct, opening, funding, credits, askedTotal, cents(paid),
                cents(opening.add(funded).subtract(paid)), credited);
    }

    private static BigDecimal positive(BigDecimal v) {
        return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN);
    }
}
