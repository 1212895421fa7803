package io.lcpr.reconcile.signal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lcpr.reconcile.SqlArrays;
import io.lcpr.reconcile.period.RangeQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Folded operating signals ({@code signal_hourly}, V5). Histograms cannot be added up by SQL, so writes only append:
 * a poll appends one row per key it touched and never waits on another poll's row; readers merge the rows of a key,
 * and {@link SignalCompactor} merges an hour's rows into one per key now and then.
 */
@ApplicationScoped
public class SignalRepository {
    private static final String COLUMNS = "hour, workload, team, provider, model, api_key_id, project_id, calls,"
            + " stored_calls, errors, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens,"
            + " errors_by_type, ttft_ms, e2e_ms, output_length";
    private static final String APPEND = "insert into signal_hourly (" + COLUMNS + ")"
            + " select timestamptz 'epoch' + t.hour_micros * interval '1 microsecond', t.workload, t.team, t.provider,"
            + " t.model, t.api_key_id, t.project_id, t.calls, t.stored_calls, t.errors, t.input_tokens,"
            + " t.cache_read_tokens, t.cache_creation_tokens, t.output_tokens, t.errors_by_type::jsonb, t.ttft_ms,"
            + " t.e2e_ms, t.output_length"
            + " from unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[],"
            + " ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::text[], ?::bytea[], ?::bytea[],"
            + " ?::bytea[]) as t(hour_micros, workload, team, provider, model, api_key_id, project_id, calls,"
            + " stored_calls, errors, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens,"
            + " errors_by_type, ttft_ms, e2e_ms, output_length)";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper json = new ObjectMapper();

    public SignalRepository(EntityManager em) {
        this.em = em;
    }

    /** Appends one row per key. */
    public void append(Map<SignalKey, SignalRollup> rollups) {
        if (rollups.isEmpty()) {
            return;
        }
        int n = rollups.size();
        Object[][] columns = new Object[18][n];
        int i = 0;
        SignalRollup.Encoder encoder = new SignalRollup.Encoder();
        for (Map.Entry<SignalKey, SignalRollup> e : rollups.entrySet()) {
            SignalKey k = e.getKey();
            SignalRollup r = e.getValue();
            long[] sums = r.sums();
            Object[] row = { k.hour().getEpochSecond() * 1_000_000L, k.workload(), k.team(), k.provider(), k.model(),
                    k.apiKeyId(), k.projectId(), sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6],
                    write(r.errorsByType), encoder.encode(r.ttftMs), encoder.encode(r.e2eMs),
                    encoder.encode(r.outputLength) };
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
            i++;
        }
        String[] types = { "int8", "text", "text", "text", "text", "text", "text", "int8", "int8", "int8", "int8",
                "int8", "int8", "int8", "text", "bytea", "bytea", "bytea" };
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(APPEND)) {
                for (int col = 0; col < types.length; col++) {
                    ps.setArray(col + 1, SqlArrays.of(c, types[col], columns[col]));
                }
                ps.executeUpdate();
            }
        });
    }

    /** A five-minute bucket of one provider's model. */
    public record CountKey(Instant bucket, String provider, String model) {
    }

    /** Appends the five-minute counts: per bucket, provider and model, calls and failed calls. */
    public void appendCounts(Map<CountKey, long[]> counts) {
        if (counts.isEmpty()) {
            return;
        }
        int n = counts.size();
        Object[][] columns = new Object[5][n];
        int i = 0;
        for (Map.Entry<CountKey, long[]> e : counts.entrySet()) {
            CountKey k = e.getKey();
            Object[] row = { k.bucket().getEpochSecond() * 1_000_000L, k.provider(), k.model(), e.getValue()[0],
                    e.getValue()[1] };
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
            i++;
        }
        String[] types = { "int8", "text", "text", "int8", "int8" };
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into signal_5m (bucket, provider, model, calls,"
                    + " errors) select timestamptz 'epoch' + t.micros * interval '1 microsecond', t.provider, t.model,"
                    + " t.calls, t.errors from unnest(?::int8[], ?::text[], ?::text[], ?::int8[], ?::int8[])"
                    + " as t(micros, provider, model, calls, errors)")) {
                for (int col = 0; col < types.length; col++) {
                    ps.setArray(col + 1, SqlArrays.of(c, types[col], columns[col]));
                }
                ps.executeUpdate();
            }
        });
    }

    /** The five-minute counts of [from, to) summed per provider and model (the key's bucket is {@code from}). */
    public Map<CountKey, long[]> counts(Instant from, Instant to) {
        Map<CountKey, long[]> out = new HashMap<>();
        RangeQuery.stream(session(), "select provider, model, sum(calls), sum(errors) from signal_5m"
                + " where bucket >= ? and bucket < ? group by 1, 2", from, to, 2_000,
                rs -> out.put(new CountKey(from, rs.getString(1), rs.getString(2)),
                        new long[] { rs.getLong(3), rs.getLong(4) }));
        return out;
    }

    /** Calls every stored row of the range with its key (several rows may share a key until compacted). */
    public void stream(Instant from, Instant to, BiConsumer<SignalKey, SignalRollup> sink) {
        RangeQuery.stream(session(), "select " + COLUMNS + " from signal_hourly where hour >= ? and hour < ?", from, to,
                2_000, rs -> sink.accept(key(rs), rollup(rs)));
    }

    /**
     * Merges an hour's rows into one per key, when some key has several; rows appended meanwhile are not in the
     * delete's snapshot and stay for the next pass. Returns the rows merged away.
     */
    public int compact(Instant hour) {
        return compactCounts(hour) + session().doReturningWork(c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) - count(distinct (workload, team,"
                    + " provider, model, api_key_id, project_id)) from signal_hourly where hour = ?")) {
                count.setObject(1, hour.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return 0;
                    }
                }
            }
            Map<SignalKey, SignalRollup> merged = new HashMap<>();
            int rows = 0;
            try (PreparedStatement delete = c.prepareStatement("delete from signal_hourly where hour = ?"
                    + " returning " + COLUMNS)) {
                delete.setObject(1, hour.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = delete.executeQuery()) {
                    while (rs.next()) {
                        merged.merge(key(rs), rollup(rs), (a, b) -> {
                            a.merge(b);
                            return a;
                        });
                        rows++;
                    }
                }
            }
            append(merged);
            return rows - merged.size();
        });
    }

    /** Merges an hour's five-minute rows into one per bucket and key; returns the rows merged away. */
    private int compactCounts(Instant hour) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with gone as (
                        delete from signal_5m where bucket >= ? and bucket < ? returning *
                    ), merged as (
                        insert into signal_5m (bucket, provider, model, calls, errors)
                        select bucket, provider, model, sum(calls), sum(errors) from gone group by 1, 2, 3
                        returning 1
                    )
                    select (select count(*) from gone) - (select count(*) from merged)
                    """)) {
                ps.setObject(1, hour.atOffset(ZoneOffset.UTC));
                ps.setObject(2, hour.plusSeconds(3600).atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Deletes the folded signals of a range, before a rebuild folds its stored calls again. */
    public int delete(Instant from, Instant to) {
        return session().doReturningWork(c -> {
            int rows = 0;
            for (String sql : new String[] { "delete from signal_hourly where hour >= ? and hour < ?",
                    "delete from signal_5m where bucket >= ? and bucket < ?" }) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                    ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                    rows += ps.executeUpdate();
                }
            }
            return rows;
        });
    }

    private static SignalKey key(ResultSet rs) throws SQLException {
        return new SignalKey(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }

    private SignalRollup rollup(ResultSet rs) throws SQLException {
        long[] sums = new long[7];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = rs.getLong(8 + i);
        }
        return SignalRollup.of(sums, read(rs.getString(15)), rs.getBytes(16), rs.getBytes(17), rs.getBytes(18));
    }

    private String write(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> read(String counts) {
        try {
            return counts == null ? Map.of() : json.readValue(counts, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal_hourly.errors_by_type is not a JSON object of counts: " + counts, e);
        }
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
