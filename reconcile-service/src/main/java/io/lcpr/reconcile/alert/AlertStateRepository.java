package io.lcpr.reconcile.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The open alerts of each rule, per scope. */
@ApplicationScoped
public class AlertStateRepository {
    private final EntityManager em;

    public AlertStateRepository(EntityManager em) {
        this.em = em;
    }

    Map<String, AlertEvaluation.Open> open(String rule) {
        return session().doReturningWork(c -> {
            Map<String, AlertEvaluation.Open> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select scope, alert_id, fired_at, clear_since from alert_state where rule = ?")) {
                ps.setString(1, rule);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp clear = rs.getTimestamp(4);
                        out.put(rs.getString(1), new AlertEvaluation.Open(rs.getObject(2, UUID.class),
                                new Hysteresis(true, rs.getTimestamp(3).toInstant(),
                                        clear == null ? null : clear.toInstant())));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces a rule's open alerts with these. */
    void save(String rule, Map<String, AlertEvaluation.Open> open) {
        session().doWork(c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from alert_state where rule = ?");
                    PreparedStatement insert = c.prepareStatement("insert into alert_state (rule, scope, alert_id,"
                            + " fired_at, clear_since) values (?, ?, ?, ?, ?)")) {
                delete.setString(1, rule);
                delete.executeUpdate();
                for (Map.Entry<String, AlertEvaluation.Open> e : open.entrySet()) {
                    Hysteresis h = e.getValue().state();
                    insert.setString(1, rule);
                    insert.setString(2, e.getKey());
                    insert.setObject(3, e.getValue().alertId());
                    insert.setTimestamp(4, Timestamp.from(h.firedAt()));
                    insert.setTimestamp(5, h.clearSince() == null ? null : Timestamp.from(h.clearSince()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
