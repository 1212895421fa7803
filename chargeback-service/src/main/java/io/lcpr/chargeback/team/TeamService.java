package io.lcpr.chargeback.team;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.TeamV1;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The team registry: versions effective from a month, each definition published with the team's whole history on
 * the compacted teams.v1 (key: the team) for GraphQL.
 */
@ApplicationScoped
public class TeamService {
    /** 001 ch 27's coefficients by SLA tier; another tier is 1.0 unless the request states one. */
    public static final Map<String, BigDecimal> TIER_COEFFICIENTS = Map.of("tier-1", new BigDecimal("1.4"),
            "tier-3", new BigDecimal("0.7"));

    private final EntityManager em;
    private final Outbox outbox;

    public TeamService(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Transactional
    public TeamV1 define(String name, TeamRequest r) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.equals("unknown")) {
            problems.add("name: '" + name + "' cannot name a team (unknown is the bucket of calls without one)");
        }
        if (r.seats() == null || r.seats() < 0) {
            problems.add("seats: a count of at least 0 is required");
        }
        if (r.coefficient() != null && r.coefficient().signum() <= 0) {
            problems.add("coefficient: must be above 0");
        }
        String from = r.effectiveFrom() == null ? YearMonth.now(ZoneOffset.UTC).toString() : r.effectiveFrom().trim();
        try {
            YearMonth.parse(from);
        } catch (DateTimeParseException e) {
            problems.add("effective_from: '" + r.effectiveFrom() + "' is not a month (YYYY-MM)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        BigDecimal coefficient = r.coefficient() != null ? r.coefficient()
                : TIER_COEFFICIENTS.getOrDefault(r.slaTier() == null ? "" : r.slaTier(), BigDecimal.ONE);
        em.createNativeQuery("""
                insert into team_version (name, effective_from, owner, seats, sla_tier, coefficient, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (name, effective_from) do update set owner = excluded.owner, seats = excluded.seats,
                    sla_tier = excluded.sla_tier, coefficient = excluded.coefficient, recorded_at = excluded.recorded_at
                """).setParameter(1, name).setParameter(2, from).setParameter(3, r.owner())
                .setParameter(4, r.seats()).setParameter(5, r.slaTier()).setParameter(6, coefficient)
                .setParameter(7, Instant.now()).executeUpdate();
        TeamV1 event = new TeamV1(UUID.randomUUID(), Instant.now(), TeamV1.SCHEMA_VERSION, "chargeback-service", name,
                versions(name));
        outbox.add(Topics.TEAMS, name, event);
        return event;
    }

    /** Each team as in force in a period (the latest version effective at or before it). */
    @Transactional
    public Map<String, Team> asOf(String period) {
        Map<String, Team> out = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select distinct on (name) name, owner, seats, sla_tier, coefficient from team_version
                where effective_from <= ?1 order by name, effective_from desc
                """).setParameter(1, period).getResultList();
        for (Object[] row : rows) {
            out.put((String) row[0], new Team((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                    (String) row[3], (BigDecimal) row[4]));
        }
        return out;
    }

    /** Every team with its versions, for the API. */
    @Transactional
    public List<TeamV1> all() {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select distinct name from team_version order by name")
                .getResultList();
        return names.stream().map(n -> new TeamV1(null, null, TeamV1.SCHEMA_VERSION, "chargeback-service", n,
                versions(n))).toList();
    }

    private List<TeamV1.Version> versions(String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select effective_from, owner, seats, sla_tier, coefficient from team_version where name = ?1
                order by effective_from
                """).setParameter(1, name).getResultList();
        return rows.stream().map(r -> new TeamV1.Version((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                (String) r[3], (BigDecimal) r[4])).toList();
    }
}
