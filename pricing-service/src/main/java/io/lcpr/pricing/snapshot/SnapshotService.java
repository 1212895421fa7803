package io.lcpr.pricing.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.ServiceTier;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Appends price versions and announces each on pricing.snapshots.v1 in the same transaction. */
@ApplicationScoped
public class SnapshotService {
    static final String PRODUCER = "pricing-service";

    private final Outbox outbox;
    private final SnapshotValidator validator = new SnapshotValidator();

    public SnapshotService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public PricingSnapshot add(SnapshotRequest r) {
        List<String> problems = validator.problems(r);
        if (!problems.isEmpty()) {
            throw new InvalidSnapshotException(problems);
        }
        String tier = r.serviceTier() == null ? ServiceTier.STANDARD.wire() : r.serviceTier();
        String provider = r.provider().toLowerCase(Locale.ROOT);
        if (PricingSnapshot.count("provider = ?1 and model = ?2 and serviceTier = ?3 and effectiveFrom = ?4",
                provider, r.model(), tier, r.effectiveFrom()) > 0) {
            throw new InvalidSnapshotException(List.of("effective_from: a version of " + provider + "/" + r.model()
                    + "/" + tier + " already starts at " + r.effectiveFrom() + "; history is append-only"));
        }
        PricingSnapshot s = new PricingSnapshot();
        s.id = UUID.randomUUID();
        s.provider = provider;
        s.model = r.model();
        s.serviceTier = tier;
        s.effectiveFrom = r.effectiveFrom();
        s.currency = r.currency() == null ? "USD" : r.currency().toUpperCase(Locale.ROOT);
        s.inputPerMillion = r.inputPerMillion();
        s.cacheReadPerMillion = r.cacheReadPerMillion() == null ? r.inputPerMillion() : r.cacheReadPerMillion();
        s.cacheWritePerMillion = r.cacheWritePerMillion() == null ? r.inputPerMillion() : r.cacheWritePerMillion();
        s.outputPerMillion = r.outputPerMillion();
        s.source = r.source();
        s.changedBy = r.changedBy();
        s.createdAt = Instant.now();
        s.persist();
        PricingSnapshotV1 event = new PricingSnapshotV1(UUID.randomUUID(), s.createdAt,
                PricingSnapshotV1.SCHEMA_VERSION, PRODUCER, s.id, s.provider, s.model, s.serviceTier,
                s.effectiveFrom, s.currency, s.inputPerMillion, s.cacheReadPerMillion, s.cacheWritePerMillion,
                s.outputPerMillion, s.source);
        outbox.add(Topics.PRICING_SNAPSHOTS, event.key(), event);
        return s;
    }

    public List<PricingSnapshot> history(String provider, String model) {
        return PricingSnapshot.list("provider = ?1 and model = ?2 order by serviceTier, effectiveFrom",
                provider.toLowerCase(Locale.ROOT), model);
    }
}
