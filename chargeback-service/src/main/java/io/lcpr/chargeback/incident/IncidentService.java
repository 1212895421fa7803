package io.lcpr.chargeback.incident;

import java.time.Instant;
import java.util.List;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Keeps each incident's latest statement (a later update replaces an earlier one, never the reverse). */
@ApplicationScoped
public class IncidentService {
    private final Inbox inbox;
    private final EntityManager em;

    public IncidentService(Inbox inbox, EntityManager em) {
        this.inbox = inbox;
        this.em = em;
    }

    @Transactional
    public void record(IncidentV1 e) {
        if (!inbox.firstDelivery("chargeback.incidents", e.eventId())) {
            return;
        }
        em.createNativeQuery("""
                insert into incident (incident_id, started_at, occurred_at, event) values (?1, ?2, ?3, ?4)
                on conflict (incident_id) do update set started_at = excluded.started_at,
                    occurred_at = excluded.occurred_at, event = excluded.event
                where incident.occurred_at <= excluded.occurred_at
                """).setParameter(1, e.incidentId()).setParameter(2, e.startedAt()).setParameter(3, e.occurredAt())
                .setParameter(4, EventJson.write(e)).executeUpdate();
    }

    /** The incidents that started in [from, to). */
    @Transactional
    public List<IncidentV1> startedIn(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select event from incident where started_at >= ?1 and started_at < ?2"
                + " order by started_at, incident_id").setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(r -> EventJson.read(r, IncidentV1.class)).toList();
    }
}
