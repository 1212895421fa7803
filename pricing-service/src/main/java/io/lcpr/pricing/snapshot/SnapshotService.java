package io.lcpr.pricing.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.Topics;
import io.lcpr.price.PriceHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Appends snapshot versions. A version whose content a version of the same source already had is not stored
 * again. Each stored entry is announced on pricing.snapshots.v1 in the same transaction.
 */
@ApplicationScoped
public class SnapshotService {
    static final String PRODUCER = "pricing-service";
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);

    private final Outbox outbox;
    private final EntityManager em;

    public SnapshotService(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    /**
     * @param strict refuse the whole version on any problem (API submissions); otherwise leave the entry out and
     *        report it (file imports, where one odd row must not block thousands of good ones)
     * @param contentHash identifies the content for idempotency; null hashes the drafts themselves
     */
    @Transactional
    public VersionResult addVersion(String source, String changedBy, List<EntryDraft> drafts,
            List<VersionResult.Skip> alreadySkipped, boolean strict, String contentHash) {
        List<String> versionProblems = new ArrayList<>();
        EntryValidator.text(versionProblems, "source", source, 255);
        EntryValidator.text(versionProblems, "changed_by", changedBy, 255);
        if (!versionProblems.isEmpty()) {
            throw new InvalidSnapshotException(versionProblems);
        }
        String hash = contentHash != null ? contentHash : sha256(EventJson.write(drafts));
        Optional<SnapshotVersion> same = SnapshotVersion.<SnapshotVersion> find("source = ?1 and contentHash = ?2",
                source, hash).firstResultOptional();
        if (same.isPresent()) {
            SnapshotVersion v = same.get();
            return new VersionResult(v.id, v.versionOrder, source, false, v.entryCount, List.of(), Map.of());
        }
        List<VersionResult.Skip> skipped = new ArrayList<>(alreadySkipped);
        List<String> problems = new ArrayList<>();
        PriceHistory history = historyOf(drafts);
        List<EntryDraft> accepted = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EntryDraft d = drafts.get(i);
            List<String> fieldProblems = EntryValidator.problems(d);
            String problem = fieldProblems.isEmpty() ? null : String.join("; ", fieldProblems);
            if (problem == null) {
                d = d.normalized();
                Optional<String> conflict = HistoryRules.conflict(
                        history.effective(d.provider(), d.model(), d.serviceTier(), d.region()), d.effectiveFrom(),
                        d.effectiveTo());
                if (conflict.isPresent()) {
                    problem = "effective_from: " + conflict.get();
                } else {
                    history.add(new PriceHistory.Entry("draft-" + i, d.provider(), d.model(), d.serviceTier(),
                            d.region(), d.effectiveFrom(), d.effectiveTo(), Long.MAX_VALUE, d.currency(), null));
                    accepted.add(d);
                }
            }
            if (problem != null) {
                problems.add("entries[" + i + "] " + d.keyLabel() + ": " + problem);
                skipped.add(new VersionResult.Skip(d.keyLabel(), problem));
            }
        }
        if (strict && !problems.isEmpty()) {
            throw new InvalidSnapshotException(problems);
        }
        SnapshotVersion version = new SnapshotVersion();
        version.id = UUID.randomUUID();
        version.versionOrder = ((Number) em.createNativeQuery("select nextval('snapshot_version_order')")
                .getSingleResult()).longValue();
        version.source = source;
        version.changedBy = changedBy;
        version.createdAt = Instant.now();
        version.contentHash = hash;
        version.entryCount = accepted.size();
        version.skipped = skipped.isEmpty() ? null : EventJson.write(skipped);
        version.persist();
        for (EntryDraft d : accepted) {
            PriceEntry e = persist(version, d);
            PricingSnapshotV1 event = event(version, e);
            outbox.add(Topics.PRICING_SNAPSHOTS, event.key(), event);
        }
        Map<String, Integer> byReason = new TreeMap<>();
        skipped.forEach(s -> byReason.merge(reasonClass(s.reason()), 1, Integer::sum));
        LOG.infof("snapshot version %d from %s: %d entries, %d skipped %s", version.versionOrder, source,
                accepted.size(), skipped.size(), byReason);
        return new VersionResult(version.id, version.versionOrder, source, true, accepted.size(), skipped, byReason);
    }

    /** The stored history of every key the drafts touch, in one query. */
    private static PriceHistory historyOf(List<EntryDraft> drafts) {
        Set<String> providers = drafts.stream().filter(d -> d.provider() != null)
                .map(d -> d.provider().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        PriceHistory history = new PriceHistory();
        if (!providers.isEmpty()) {
            PriceEntry.<PriceEntry> list("provider in ?1", providers).forEach(e -> history.add(e.toEntry()));
        }
        return history;
    }

    private static PriceEntry persist(SnapshotVersion version, EntryDraft d) {
        PriceEntry e = new PriceEntry();
        e.id = UUID.randomUUID();
        e.versionId = version.id;
        e.versionOrder = version.versionOrder;
        e.provider = d.provider();
        e.model = d.model();
        e.serviceTier = d.serviceTier();
        e.region = d.region();
        e.effectiveFrom = d.effectiveFrom();
        e.effectiveTo = d.effectiveTo();
        e.currency = d.currency();
        e.inputPerMillion = d.inputPerMillion();
        e.cacheReadPerMillion = d.cacheReadPerMillion();
        e.cacheWritePerMillion = d.cacheWritePerMillion();
        e.cacheWrite1hPerMillion = d.cacheWrite1hPerMillion();
        e.outputPerMillion = d.outputPerMillion();
        e.reasoningPerMillion = d.reasoningPerMillion();
        e.longContextThresholdTokens = d.longContextThresholdTokens();
        e.longContextInputPerMillion = d.longContextInputPerMillion();
        e.longContextCacheReadPerMillion = d.longContextCacheReadPerMillion();
        e.longContextCacheWritePerMillion = d.longContextCacheWritePerMillion();
        e.longContextOutputPerMillion = d.longContextOutputPerMillion();
        e.unitPrices = io.lcpr.price.BillableUnits.format(d.unitPrices());
        e.persist();
        return e;
    }

    private static PricingSnapshotV1 event(SnapshotVersion v, PriceEntry e) {
        return new PricingSnapshotV1(UUID.randomUUID(), v.createdAt, PricingSnapshotV1.SCHEMA_VERSION, PRODUCER, e.id,
                v.id, v.versionOrder, e.provider, e.model, e.serviceTier, e.region, e.effectiveFrom, e.effectiveTo,
                e.currency, e.inputPerMillion, e.cacheReadPerMillion, e.cacheWritePerMillion, e.cacheWrite1hPerMillion,
                e.outputPerMillion, e.reasoningPerMillion, e.longContextThresholdTokens, e.longContextInputPerMillion,
                e.longContextCacheReadPerMillion, e.longContextCacheWritePerMillion, e.longContextOutputPerMillion,
                v.source, e.unitPrices == null ? null : io.lcpr.price.BillableUnits.parse(e.unitPrices));
    }

    /** The first words of a reason, so that thousands of skips read as a few counts. */
    static String reasonClass(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 && colon < 60 ? reason.substring(0, colon) : reason;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
