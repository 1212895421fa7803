package io.lcpr.reconcile.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import io.lcpr.events.AlertV1;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Webhooks and their deliveries: what to send where, what is due, what was sent. */
@ApplicationScoped
public class AlertWebhooks {
    private final EntityManager em;

    public AlertWebhooks(EntityManager em) {
        this.em = em;
    }

    /** A webhook as defined: its URL and the rules whose alerts it receives (null: all). */
    public record Webhook(String name, String url, List<String> rules) {
    }

    /** A delivery due: its row, where to, what to send, how many attempts so far. */
    record Due(long id, String url, String body, int attempts) {
    }

    public void define(String name, String url, List<String> rules) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into alert_webhook (name, url, rules, updated_at) values (?, ?, ?, ?)
                    on conflict (name) do update set url = excluded.url, rules = excluded.rules,
                        updated_at = excluded.updated_at
                    """)) {
                ps.setString(1, name);
                ps.setString(2, url);
                ps.setString(3, rules == null || rules.isEmpty() ? null : String.join(",", rules));
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        });
    }

    public List<Webhook> list() {
        return session().doReturningWork(c -> {
            List<Webhook> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select name, url, rules from alert_webhook order by name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String rules = rs.getString(3);
                    out.add(new Webhook(rs.getString(1), rs.getString(2),
                            rules == null ? null : Arrays.asList(rules.split(","))));
                }
            }
            return out;
        });
    }

    /** Queues the alert for every webhook that takes its rule, in the caller's transaction. */
    void enqueue(AlertV1 alert, List<Webhook> webhooks) {
        String body = EventJson.write(SlackMessage.of(alert));
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into alert_delivery (webhook, alert_event_id, body,"
                    + " next_attempt_at) values (?, ?, ?, ?)")) {
                for (Webhook w : webhooks) {
                    if (w.rules() == null || w.rules().contains(alert.rule())) {
                        ps.setString(1, w.name());
                        ps.setObject(2, alert.eventId());
                        ps.setString(3, body);
                        ps.setTimestamp(4, Timestamp.from(Instant.now()));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    /**
     * Claims up to {@code limit} due deliveries: each is leased for {@code lease} (another sender skips it meanwhile,
     * and it is due again if this one dies before saying how it went).
     */
    List<Due> claim(int limit, Duration lease) {
        return session().doReturningWork(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    update alert_delivery d set next_attempt_at = ? from (
                        select id from alert_delivery where delivered_at is null and next_attempt_at <= ?
                        order by next_attempt_at limit ? for update skip locked) due
                    where d.id = due.id
                    returning d.id, (select url from alert_webhook w where w.name = d.webhook), d.body, d.attempts
                    """)) {
                Instant now = Instant.now();
                ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
            return out;
        });
    }

    void delivered(long id) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update alert_delivery set delivered_at = ?,"
                    + " attempts = attempts + 1, last_error = null where id = ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        });
    }

    void failed(long id, String error, Instant retryAt) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update alert_delivery set next_attempt_at = ?,"
                    + " attempts = attempts + 1, last_error = ? where id = ?")) {
                ps.setTimestamp(1, Timestamp.from(retryAt));
                ps.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
        });
    }

    /** A delivery as the API shows it. */
    public record Delivery(long id, String webhook, UUID alertEventId, int attempts, Instant nextAttemptAt,
            Instant deliveredAt, String lastError) {
    }

    public List<Delivery> deliveries(boolean pendingOnly) {
        return session().doReturningWork(c -> {
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, webhook, alert_event_id, attempts,"
                    + " next_attempt_at, delivered_at, last_error from alert_delivery"
                    + (pendingOnly ? " where delivered_at is null" : "") + " order by id desc limit 500");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp delivered = rs.getTimestamp(6);
                    out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getInt(4),
                            rs.getTimestamp(5).toInstant(), delivered == null ? null : delivered.toInstant(),
                            rs.getString(7)));
                }
            }
            return out;
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
