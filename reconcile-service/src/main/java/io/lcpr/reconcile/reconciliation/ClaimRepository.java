package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import io.lcpr.events.EventJson;
import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.events.ReconciliationCompletedV1.DeltaBucket;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Overcharge claims per account and period, and the later credits that settle them. */
@ApplicationScoped
public class ClaimRepository {

    /** A claim still open before a period: what is left of it after the credits of earlier periods. */
    public record OpenClaim(String period, BigDecimal outstanding) {
    }

    /** A credit of period {@code settledIn} matched to the claim of {@code claimPeriod} (a positive amount). */
    public record Settlement(String provider, String billingAccount, String claimPeriod, String settledIn,
            BigDecimal amount) {
    }

    /** A claim as the API shows it. */
    @RegisterForReflection
    public record ClaimView(String provider, String billingAccount, String period, BigDecimal amount,
            BigDecimal settled, BigDecimal outstanding, UUID runId, Instant claimedAt, String evidence) {
    }

    private final EntityManager em;

    public ClaimRepository(EntityManager em) {
        this.em = em;
    }

    public List<OpenClaim> openBefore(String provider, String account, String period) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select c.period, c.amount - coalesce(sum(s.amount) filter (where s.settled_in < ?), 0)
                    from overcharge_claim c
                    left join claim_settlement s on s.provider = c.provider and s.billing_account = c.billing_account
                        and s.claim_period = c.period
                    where c.provider = ? and c.billing_account = ? and c.period < ?
                    group by c.period, c.amount order by c.period
                    """)) {
                ps.setString(1, period);
                ps.setString(2, provider);
                ps.setString(3, account);
                ps.setString(4, period);
                List<OpenClaim> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBigDecimal(2).signum() > 0) {
                            out.add(new OpenClaim(rs.getString(1), rs.getBigDecimal(2)));
                        }
                    }
                }
                return out;
            }
        });
    }

    /** The period's claims and settlements as its latest run found them (the previous run's replaced). */
    public void save(String period, UUID runId, Instant at, List<AccountReconciliation> accounts,
            List<Settlement> settlements) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from claim_settlement where settled_in = ?")) {
                ps.setString(1, period);
                ps.executeUpdate();
            }
            for (AccountReconciliation a : accounts) {
                BigDecimal claimed = a.buckets() == null ? BigDecimal.ZERO : a.buckets().stream()
                        .filter(b -> b.bucket().equals(DeltaExplanation.OVERCHARGE)).map(DeltaBucket::amount)
                        .findFirst().orElse(BigDecimal.ZERO);
                if (claimed.signum() > 0) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into overcharge_claim (provider, billing_account, period, amount, run_id, evidence,
                                                          claimed_at)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (provider, billing_account, period) do update set amount = excluded.amount,
                                run_id = excluded.run_id, evidence = excluded.evidence, claimed_at = excluded.claimed_at
                            """)) {
                        ps.setString(1, a.provider());
                        ps.setString(2, a.billingAccount());
                        ps.setString(3, period);
                        ps.setBigDecimal(4, claimed);
                        ps.setObject(5, runId);
                        ps.setString(6, EventJson.write(a.buckets().stream()
                                .filter(b -> b.bucket().equals(DeltaExplanation.OVERCHARGE)).findFirst().orElseThrow()));
                        ps.setTimestamp(7, Timestamp.from(at));
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("delete from overcharge_claim where provider = ?"
                            + " and billing_account = ? and period = ?")) {
                        ps.setString(1, a.provider());
                        ps.setString(2, a.billingAccount());
                        ps.setString(3, period);
                        ps.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into claim_settlement (provider, billing_account,"
                    + " claim_period, settled_in, amount) values (?, ?, ?, ?, ?)")) {
                for (Settlement s : settlements) {
                    ps.setString(1, s.provider());
                    ps.setString(2, s.billingAccount());
                    ps.setString(3, s.claimPeriod());
                    ps.setString(4, s.settledIn());
                    ps.setBigDecimal(5, s.amount());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    public List<ClaimView> list(String provider, String account) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select c.provider, c.billing_account, c.period, c.amount, coalesce(sum(s.amount), 0), c.run_id,
                           c.claimed_at, c.evidence
                    from overcharge_claim c
                    left join claim_settlement s on s.provider = c.provider and s.billing_account = c.billing_account
                        and s.claim_period = c.period
                    where (cast(? as text) is null or c.provider = ?) and (cast(? as text) is null or c.billing_account = ?)
                    group by c.provider, c.billing_account, c.period order by c.provider, c.billing_account, c.period
                    """)) {
                ps.setString(1, provider);
                ps.setString(2, provider);
                ps.setString(3, account);
                ps.setString(4, account);
                List<ClaimView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal amount = rs.getBigDecimal(4);
                        BigDecimal settled = rs.getBigDecimal(5);
                        out.add(new ClaimView(rs.getString(1), rs.getString(2), rs.getString(3), amount, settled,
                                amount.subtract(settled), rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant(),
                                rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
