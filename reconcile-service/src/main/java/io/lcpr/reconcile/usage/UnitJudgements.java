package io.lcpr.reconcile.usage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.hibernate.Session;

import io.lcpr.reconcile.SqlArrays;
import io.lcpr.reconcile.lcpr.UnitResult;
import io.lcpr.reconcile.period.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Work units judged as their inputs arrive, and counted. Each change to a unit's calls or verdicts, or to its
 * workload's acceptance rule, judges the unit again (the rule of {@code Acceptance.judge}, in SQL; FoldEquivalenceTest
 * holds the two equal) and stores the result on its {@code work_unit} row; triggers append every change of a result
 * to the {@code unit_tally} ledger (V4), so a run sums a few rows per workload and day instead of judging the month.
 *
 * <p>Concurrency: the statement that judges starts after the caller holds the units' row locks, so it sees every
 * input committed by whoever held them before; a verdict arriving before its unit's first call leaves a stub row to
 * lock.
 */
@ApplicationScoped
public class UnitJudgements {
    /** Each judged unit's result: 1 accepted at the first attempt, 2 after retries, 3 escalated, 4 rejected. */
    private static final String RESULT_OF_JUDGED = """
            , results as (
                select j.*,
                    (case when accepted then (case when attempts = 1 then 1 else 2 end)
                          when escalated then 3 else 4 end)::smallint as result
                from judged j
            )""";
    /**
     * The judgement of the units in a CTE named {@code units} (unit_key, workload, attempts, final_request_id,
     * final_ttft_ms, final_e2e_ms, and any column the caller carries along), as CTEs ending in {@code results}: the
     * units' columns with result, escalated and escalation_cost (stated by the earliest escalation, null when none).
     * The latest verdict of a kind wins, a failing one on a tie; an eval or SLO verdict counts when it names the final
     * attempt's request or no request; a unit's human case costs what its earliest escalation states (else the
     * workload's rate per case, applied by the run).
     */
    static final String JUDGEMENT = """
            judged as (
                -- Each unit's verdicts looked up by its key, in the same pass over the units (an index probe per
                -- unit: a poll judges a few thousand units against millions of verdicts; joined back as a separate
                -- set, the planner compared every unit with every other). The latest verdict of a kind, a failing
                -- one on a tie, is a plain max: the observed instant in microseconds, doubled, plus one when
                -- failing; its lowest bit then says whether it failed.
                select u.*, coalesce(v.escalated, false) as escalated, e.escalation_cost,
                    case
                        when v.final_word is not null then (v.final_word & 1) = 0
                            and (not coalesce(v.escalated, false) or coalesce(w.human_signoff_accepted, false))
                        when coalesce(v.escalated, false) then false
                        else coalesce((v.quality & 1) = 0, not coalesce(w.eval_required, true))
                            and coalesce((v.latency & 1) = 0,
                                (w.ttft_slo_ms is null or u.final_ttft_ms is null
                                    or u.final_ttft_ms <= w.ttft_slo_ms + w.slo_tolerance_ms)
                                and (w.e2e_slo_ms is null or u.final_e2e_ms is null
                                    or u.final_e2e_ms <= w.e2e_slo_ms + w.slo_tolerance_ms))
                    end as accepted
                from units u
                cross join lateral (
                    select bool_or(o.kind = 'escalation') as escalated,
                        max(o.code) filter (where o.kind = 'acceptance') as final_word,
                        max(o.code) filter (where o.kind = 'eval'
                            and (o.request_id is null or o.request_id = u.final_request_id)) as quality,
                        max(o.code) filter (where o.kind = 'slo'
                            and (o.request_id is null or o.request_id = u.final_request_id)) as latency
                    from (
                        select kind, request_id,
                            case when passed is null then null else (extract(epoch from coalesce(observed_at, 'epoch'))
                                * 1000000)::bigint * 2 + (case when passed then 0 else 1 end) end as code
                        from outcome_verdict where unit_key = u.unit_key) o
                ) v
                left join lateral (
                    -- the earliest escalation's cost, looked up only for a unit that has one: the condition on v
                    -- alone is a gate PostgreSQL evaluates before the scan, so most units cost no second probe
                    select human_cost as escalation_cost from outcome_verdict
                    where v.escalated and unit_key = u.unit_key and kind = 'escalation'
                    order by coalesce(observed_at, 'epoch'), coalesce(human_cost, 0)
                    limit 1
                ) e on true
                left join workload_settings w on w.name = u.workload
            )""" + RESULT_OF_JUDGED;
    /**
     * JUDGEMENT for units new to {@code work_unit}, which have no verdicts: a verdict that names a unit comes with the
     * unit's row (a stub until its first call: STUB_OR_LOCK, for outcomes and for the verdicts a grader's call
     * resolves), so a unit with verdicts conflicts on insert and is judged by MERGE_AND_JUDGE. The same CASE as
     * JUDGEMENT with every verdict absent: the eval rule and the workload's SLO with tolerance. Looking for verdicts
     * that cannot be there was an index probe per unit, a fifth of the fold statement's time.
     */
    static final String NEW_UNIT_JUDGEMENT = """
            judged as (
                select u.*, false as escalated, null::numeric as escalation_cost,
                    not coalesce(w.eval_required, true)
                        and (w.ttft_slo_ms is null or u.final_ttft_ms is null
                            or u.final_ttft_ms <= w.ttft_slo_ms + w.slo_tolerance_ms)
                        and (w.e2e_slo_ms is null or u.final_e2e_ms is null
                            or u.final_e2e_ms <= w.e2e_slo_ms + w.slo_tolerance_ms) as accepted
                from units u
                left join workload_settings w on w.name = u.workload
            )""" + RESULT_OF_JUDGED;

    /**
     * Judges the units whose {@code work_unit} rows meet a condition (%s, on {@code u}) and stores what changed. Each
     * row is found once: the update goes back to it by its row id, which holds because the caller has locked it.
     */
    private static final String JUDGE = """
            with units as (
                select u.ctid as row_id, u.unit_key, coalesce(nullif(u.workload, ''), 'unknown') as workload,
                    u.attempts, u.final_request_id, u.final_ttft_ms, u.final_e2e_ms
                from work_unit u where u.attempts > 0 and %s
            ), """ + JUDGEMENT.replace("%", "%%") + """

            update work_unit w set result = r.result, escalated = r.escalated,
                escalation_cost = case when r.escalated then r.escalation_cost end
            from results r
            where w.ctid = r.row_id
                and (w.result, w.escalated, w.escalation_cost)
                    is distinct from (r.result, r.escalated, case when r.escalated then r.escalation_cost end)
            """;
    /**
     * Merges the poll's attempts (arrays: unit, workload, attempts, final attempt's start in microseconds, request id,
     * TTFT, E2E, team) into their stored units, which the caller has locked, and judges each merged unit: one new
     * version of each row. The merge is UsageRepository.MERGED_COLUMNS, the poll's attempts read as {@code excluded}.
     */
    private static final String MERGE_AND_JUDGE = """
            with excluded as (
                select p.unit_key, p.workload, p.attempts,
                    timestamptz 'epoch' + p.started_micros * interval '1 microsecond' as final_started_at,
                    p.final_request_id, p.final_ttft_ms, p.final_e2e_ms, p.team
                from unnest(?::text[] collate "C", ?::text[], ?::int8[], ?::int8[], ?::text[] collate "C", ?::int8[],
                    ?::int8[], ?::text[] collate "C")
                    as p(unit_key, workload, attempts, started_micros, final_request_id, final_ttft_ms, final_e2e_ms,
                        team)
            ), merged as (
                select u.ctid as row_id, u.unit_key, """ + UsageRepository.MERGED_COLUMNS.entrySet().stream()
                    .map(c -> c.getValue() + " as " + c.getKey()).collect(Collectors.joining(",\n        ")) + """

                from work_unit u join excluded on excluded.unit_key = u.unit_key
                -- the keys again, as an array: an index probe each, whatever the planner guesses an unnest holds
                where u.unit_key = any(?::text[] collate "C")
            ), units as (
                select row_id, unit_key, coalesce(nullif(workload, ''), 'unknown') as workload, attempts,
                    final_request_id, final_ttft_ms, final_e2e_ms, workload as stored_workload, final_started_at, team
                from merged
            ), """ + JUDGEMENT + """

            update work_unit w set attempts = r.attempts, workload = r.stored_workload,
                final_started_at = r.final_started_at, final_request_id = r.final_request_id,
                final_ttft_ms = r.final_ttft_ms, final_e2e_ms = r.final_e2e_ms, team = r.team, result = r.result,
                escalated = r.escalated, escalation_cost = case when r.escalated then r.escalation_cost end
            from results r
            where w.ctid = r.row_id
            """;
    private static final String GIVEN_KEYS = "u.unit_key = any(?::text[] collate \"C\")";
    /** Judging the given units, and the given units the fold left open: formatted once, not per poll. */
    private static final String JUDGE_GIVEN = JUDGE.formatted(GIVEN_KEYS);
    private static final String JUDGE_OPEN = JUDGE.formatted(GIVEN_KEYS + " and u.result is null");
    /**
     * A stub row for each unit with none, and a lock on each unit that has one, in one pass in key order, the order
     * the fold takes its units in: PostgreSQL locks a conflicting row under ON CONFLICT DO UPDATE even when the
     * update's condition is false, so the row is locked (FOR UPDATE, as the update names the key column), not written.
     * Two passes (stubs, then locks) held new stubs while waiting for older rows: out of key order.
     */
    private static final String STUB_OR_LOCK = """
            insert into work_unit as u (unit_key, workload, attempts, final_started_at, final_request_id)
            select k, '', 0, '-infinity', '' from unnest(?::text[] collate "C") k order by k
            on conflict (unit_key) do update set unit_key = excluded.unit_key where false
            """;
    /** Result codes as stored (V4), in {@link UnitResult} order from 1. */
    private static final UnitResult[] RESULTS = UnitResult.values();

    private final EntityManager em;

    public UnitJudgements(EntityManager em) {
        this.em = em;
    }

    /**
     * Judges the units among these whose rows this transaction already holds locked and whose result the fold left
     * open (a new unit whose waiting verdicts it resolved).
     */
    public int judgeLocked(Collection<String> unitKeys) {
        return judge(JUDGE_OPEN, unitKeys);
    }

    /**
     * Merges a poll's attempts into their stored units, whose rows this transaction already holds locked, and judges
     * them (MERGE_AND_JUDGE); returns the units written.
     */
    public int mergeLocked(List<PollFold.UnitAttempts> units) {
        if (units.isEmpty()) {
            return 0;
        }
        Object[][] columns = PollFold.UnitAttempts.columns(units);
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(MERGE_AND_JUDGE)) {
                int keys = UsageRepository.bind(c, ps, 1, columns, PollFold.UnitAttempts.TYPES);
                ps.setArray(keys, SqlArrays.of(c, "text", columns[0]));
                return ps.executeUpdate();
            }
        });
    }

    private int judge(String statement, Collection<String> unitKeys) {
        if (unitKeys.isEmpty()) {
            return 0;
        }
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setArray(1, SqlArrays.of(c, "text", unitKeys.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Locks the units (a stub row for a unit with no call yet) and judges them in a statement that starts after the
     * locks, so that it sees the inputs of whoever held them before.
     */
    public int lockAndJudge(Collection<String> unitKeys) {
        if (unitKeys.isEmpty()) {
            return 0;
        }
        String[] sorted = unitKeys.stream().distinct().sorted().toArray(String[]::new);
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(STUB_OR_LOCK)) {
                ps.setArray(1, c.createArrayOf("text", sorted));
                ps.execute();
            }
        });
        return judge(JUDGE_GIVEN, List.of(sorted));
    }

    /** Judges again every unit of a workload (its acceptance rule changed); returns the units whose result moved. */
    public int rejudgeWorkload(String workload) {
        String ofWorkload = "coalesce(nullif(u.workload, ''), 'unknown') = ?";
        return session().doReturningWork(c -> {
            try (PreparedStatement lock = c.prepareStatement("select unit_key from work_unit u where u.attempts > 0"
                    + " and " + ofWorkload + " order by unit_key for update");
                    PreparedStatement judge = c.prepareStatement(JUDGE.formatted(ofWorkload))) {
                lock.setString(1, workload);
                lock.execute();
                judge.setString(1, workload);
                return judge.executeUpdate();
            }
        });
    }

    /** Judges the units with a call in the range (rebuilt in this transaction, so already locked). */
    public int judgeRange(Instant from, Instant to) {
        return session().doReturningWork(c -> {
            String touched = "u.unit_key in (" + UsageRepository.TOUCHED_UNITS + ")";
            try (PreparedStatement ps = c.prepareStatement(JUDGE.formatted(touched))) {
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Verdicts that named a request whose call arrived while they were being stored get their unit now, and those
     * units are judged: the one race the poll's own resolution cannot see. Returns the units judged.
     */
    public int resolveStragglers() {
        List<String> keys = session().doReturningWork(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    with resolved as (
                        update outcome_verdict v set unit_key = c.unit_key from usage_call c
                        where v.unit_key is null and c.request_id = v.request_id
                        returning v.unit_key
                    )
                    select distinct unit_key from resolved
                    """); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        return lockAndJudge(keys);
    }

    /** Up to {@code limit} units with calls that were never judged (stored before V4); returns how many it judged. */
    public int judgeUnjudged(int limit) {
        List<String> keys = session().doReturningWork(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select unit_key from work_unit where result is null and attempts > 0 limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        lockAndJudge(keys);
        return keys.size();
    }

    /** Whether units stored before V4 may still wait for their first judgement (V8). */
    public boolean catchUpPending() {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select coalesce(bool_or(pending), false)"
                    + " from unit_judging_catch_up"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    public void catchUpDone() {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update unit_judging_catch_up set pending = false")) {
                ps.executeUpdate();
            }
        });
    }

    /** Work units of one workload that landed on one result, and the human cost their escalations stated. */
    public record JudgedUnits(String workload, UnitResult result, long units, BigDecimal statedHumanCost,
            long unstatedCases) {
    }

    /**
     * Folds the ledger rows of the period's days that were appended to since their last compaction into one per
     * workload, day, result and team (appends made meanwhile are kept: they are not in the statement's snapshot);
     * returns the rows written.
     */
    public int compact(Period period) {
        return compact(LocalDate.ofInstant(period.start(), ZoneOffset.UTC),
                LocalDate.ofInstant(period.end(), ZoneOffset.UTC));
    }

    /** The same over the days [from, to). */
    public int compact(LocalDate from, LocalDate to) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with appended as (
                        select distinct day from unit_tally where not compacted and day >= ? and day < ?
                    ), gone as (
                        delete from unit_tally t using appended a where t.day = a.day returning t.*
                    )
                    insert into unit_tally (workload, day, result, units, stated_human_cost, unstated_cases, team,
                        compacted)
                    select workload, day, result, sum(units), sum(stated_human_cost), sum(unstated_cases), team, true
                    from gone group by 1, 2, 3, 7
                    having sum(units) <> 0 or sum(stated_human_cost) <> 0 or sum(unstated_cases) <> 0
                    """)) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                return ps.executeUpdate();
            }
        });
    }

    /** The earliest and the day after the latest day with ledger rows not yet compacted; empty when there are none. */
    public Optional<LocalDate[]> appendedDays() {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select min(day), max(day) from unit_tally where not compacted"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.sql.Date first = rs.getDate(1);
                return first == null ? Optional.empty()
                        : Optional.of(new LocalDate[] { first.toLocalDate(), rs.getDate(2).toLocalDate().plusDays(1) });
            }
        });
    }

    /** Review minutes stated by the verdicts of units whose final attempt falls in the period, per workload. */
    public Map<String, BigDecimal> reviewMinutes(Period period) {
        return session().doReturningWork(c -> {
            Map<String, BigDecimal> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select w.workload, sum(v.review_minutes) from outcome_verdict v
                    join work_unit w on w.unit_key = v.unit_key
                    where v.review_minutes is not null and w.attempts > 0
                      and w.final_started_at >= ? and w.final_started_at < ?
                    group by 1
                    """)) {
                ps.setTimestamp(1, java.sql.Timestamp.from(period.start()));
                ps.setTimestamp(2, java.sql.Timestamp.from(period.end()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getBigDecimal(2));
                    }
                }
            }
            return out;
        });
    }

    /** The period's work units (by their final attempt's day), counted per workload and result. */
    public List<JudgedUnits> tally(Period period) {
        return session().doReturningWork(c -> {
            List<JudgedUnits> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select workload, result, sum(units), sum(stated_human_cost), sum(unstated_cases) from unit_tally
                    where day >= ? and day < ? group by 1, 2 having sum(units) <> 0 order by 1, 2
                    """)) {
                bindDays(ps, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JudgedUnits(rs.getString(1), RESULTS[rs.getInt(2) - 1], rs.getLong(3),
                                rs.getBigDecimal(4), rs.getLong(5)));
                    }
                }
            }
            return out;
        });
    }

    /** The period's accepted units per workload and team (the team of each unit's final attempt). */
    public Map<String, Map<String, Long>> acceptedByTeam(Period period) {
        return session().doReturningWork(c -> {
            Map<String, Map<String, Long>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select workload, team, sum(units) from unit_tally
                    where day >= ? and day < ? and result in (1, 2) group by 1, 2 having sum(units) <> 0
                    """)) {
                bindDays(ps, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
            return out;
        });
    }

    private static void bindDays(PreparedStatement ps, Period period) throws SQLException {
        ps.setObject(1, LocalDate.ofInstant(period.start(), ZoneOffset.UTC));
        ps.setObject(2, LocalDate.ofInstant(period.end(), ZoneOffset.UTC));
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
