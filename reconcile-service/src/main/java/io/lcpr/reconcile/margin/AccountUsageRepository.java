package io.lcpr.reconcile.margin;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.hibernate.Session;

import io.lcpr.price.BillableUnits;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.PeriodUsageRepository.WeightedCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The stored calls and accepted units of the customer accounts a revenue term names. */
@ApplicationScoped
public class AccountUsageRepository {
    private final EntityManager em;

    public AccountUsageRepository(EntityManager em) {
        this.em = em;
    }

    /** A named account's call, with its non-token counts. */
    public record AccountCall(String account, WeightedCall call, Map<String, BigDecimal> units) {
    }

    /** The calls of [from, to) that served one of {@code accounts}, streamed. */
    public void streamCalls(Set<String> accounts, Instant from, Instant to, Consumer<AccountCall> sink) {
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select c.account, c.request_id, c.work_unit_id, c.attempt_kind, c.workload, c.team, c.provider,
                           c.project_id, c.model, c.service_tier, c.started_at, c.input_tokens, c.cache_read_tokens,
                           c.cache_creation_tokens, c.output_tokens, c.reasoning_tokens, c.weight,
                           (select string_agg(u.unit || '=' || u.quantity, ',') from usage_call_unit u
                            where u.dedupe_key = c.dedupe_key)
                    from usage_call c
                    where c.started_at >= ? and c.started_at < ? and c.account = any(?)
                    """)) {
                ps.setFetchSize(10_000);
                bind(connection, ps, accounts, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new AccountCall(rs.getString(1),
                                new WeightedCall(PeriodUsageRepository.call(rs, 2, null, null), rs.getInt(17)),
                                BillableUnits.parse(rs.getString(18))));
                    }
                }
            }
        });
    }

    /**
     * The accepted work units (first-attempt pass or recovered) whose final attempt in [from, to) served one of
     * {@code accounts}, per account and workload.
     */
    public void addAccepted(Set<String> accounts, Instant from, Instant to, AccountUsage into) {
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select c.account, w.workload, count(*)
                    from work_unit w join usage_call c on c.request_id = w.final_request_id and c.unit_key = w.unit_key
                    where w.final_started_at >= ? and w.final_started_at < ? and w.result in (1, 2)
                      and c.account = any(?)
                    group by 1, 2
                    """)) {
                bind(connection, ps, accounts, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        into.addAccepted(rs.getString(1), rs.getString(2), rs.getLong(3));
                    }
                }
            }
        });
    }

    private static void bind(java.sql.Connection connection, PreparedStatement ps, Set<String> accounts, Instant from,
            Instant to) throws SQLException {
        ps.setObject(1, from.atOffset(ZoneOffset.UTC));
        ps.setObject(2, to.atOffset(ZoneOffset.UTC));
        ps.setArray(3, connection.createArrayOf("text", accounts.toArray()));
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
