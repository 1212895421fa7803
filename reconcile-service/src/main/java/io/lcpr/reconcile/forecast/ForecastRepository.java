package io.lcpr.reconcile.forecast;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;

import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The assumption register, the scenarios and the forecasts as made. */
@ApplicationScoped
public class ForecastRepository {
    private final EntityManager em;

    public ForecastRepository(EntityManager em) {
        this.em = em;
    }

    public void putAssumption(Assumption a, Instant now) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into forecast_assumption (name, workload, component, value, low, high, effective_share,
                        basis, source, owner, stated_on, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (name) do update set workload = excluded.workload, component = excluded.component,
                        value = excluded.value, low = excluded.low, high = excluded.high,
                        effective_share = excluded.effective_share, basis = excluded.basis, source = excluded.source,
                        owner = excluded.owner, stated_on = excluded.stated_on, updated_at = excluded.updated_at
                    """)) {
                ps.setString(1, a.name());
                ps.setString(2, a.workload());
                ps.setString(3, a.component());
                ps.setBigDecimal(4, a.value());
                ps.setBigDecimal(5, a.low());
                ps.setBigDecimal(6, a.high());
                ps.setBigDecimal(7, a.effectiveShare() == null ? java.math.BigDecimal.ONE : a.effectiveShare());
                ps.setString(8, a.basis());
                ps.setString(9, a.source());
                ps.setString(10, a.owner());
                ps.setDate(11, Date.valueOf(a.statedOn()));
                ps.setObject(12, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        });
    }

    /** The register, or the named entries of it, by name. */
    public List<Assumption> assumptions(List<String> names) {
        return session().doReturningWork(c -> {
            String sql = "select name, workload, component, value, low, high, effective_share, basis, source, owner,"
                    + " stated_on from forecast_assumption" + (names == null ? "" : " where name = any(?)")
                    + " order by name";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (names != null) {
                    ps.setArray(1, c.createArrayOf("text", names.toArray()));
                }
                List<Assumption> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Assumption(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getDate(11).toLocalDate()));
                    }
                }
                return out;
            }
        });
    }

    public record Scenario(String name, String description, List<String> assumptions) {
    }

    public void putScenario(Scenario s, Instant now) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into forecast_scenario (name, description, assumptions, updated_at) values (?, ?, ?, ?)
                    on conflict (name) do update set description = excluded.description,
                        assumptions = excluded.assumptions, updated_at = excluded.updated_at
                    """)) {
                ps.setString(1, s.name());
                ps.setString(2, s.description());
                ps.setString(3, EventJson.write(s.assumptions()));
                ps.setObject(4, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        });
    }

    @SuppressWarnings("unchecked")
    public Optional<Scenario> scenario(String name) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select name, description, assumptions from forecast_scenario where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Scenario(rs.getString(1), rs.getString(2),
                            EventJson.read(rs.getString(3), List.class))) : Optional.<Scenario> empty();
                }
            }
        });
    }

    public void saveForecast(Forecast f) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into forecast (id, scenario, base_period, made_at, body) values (?, ?, ?, ?, ?)")) {
                ps.setObject(1, f.id());
                ps.setString(2, f.result().scenario());
                ps.setString(3, f.basePeriod());
                ps.setObject(4, f.madeAt().atOffset(ZoneOffset.UTC));
                ps.setString(5, EventJson.write(f));
                ps.executeUpdate();
            }
        });
    }

    public Optional<Forecast> forecast(UUID id) {
        return one("select body from forecast where id = ?", id);
    }

    /** The newest forecast whose horizon holds a month (its base month before it, within its months). */
    public Optional<Forecast> newestCovering(String month) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select body from forecast where base_period < ? order by made_at desc")) {
                ps.setString(1, month);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Forecast f = EventJson.read(rs.getString(1), Forecast.class);
                        if (f.covers(month)) {
                            return Optional.of(f);
                        }
                    }
                }
                return Optional.<Forecast> empty();
            }
        });
    }

    private Optional<Forecast> one(String sql, UUID id) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EventJson.read(rs.getString(1), Forecast.class))
                            : Optional.<Forecast> empty();
                }
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
