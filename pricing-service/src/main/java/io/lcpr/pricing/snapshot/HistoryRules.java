package io.lcpr.pricing.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.lcpr.price.PriceHistory.Entry;

/**
 * Where a new entry may go in a key's effective history. Restating an existing start is a correction. A new
 * start after the last entry closes an open-ended one; after an explicit end it must meet that end exactly (no
 * gap). A start inside an earlier entry's range, or an end past the next start, overlaps and is refused.
 */
public final class HistoryRules {
    private HistoryRules() {
    }

    /** @param history the key's effective history in time order; returns why the entry cannot go in, if it cannot */
    public static Optional<String> conflict(List<Entry> history, Instant from, Instant to) {
        Entry previous = null;
        Entry next = null;
        for (Entry e : history) {
            if (e.effectiveFrom().equals(from)) {
                Instant nextStart = history.stream().map(Entry::effectiveFrom).filter(s -> s.isAfter(from)).findFirst()
                        .orElse(null);
                return endConflict(to, nextStart);
            }
            if (e.effectiveFrom().isBefore(from)) {
                previous = e;
            } else if (next == null) {
                next = e;
            }
        }
        if (previous != null && previous.effectiveTo() != null) {
            if (previous.effectiveTo().isAfter(from)) {
                return Optional.of("overlaps the entry from " + previous.effectiveFrom() + " to "
                        + previous.effectiveTo());
            }
            if (previous.effectiveTo().isBefore(from)) {
                return Optional.of("leaves a gap between " + previous.effectiveTo() + " (end of the previous entry) and "
                        + from);
            }
        }
        if (previous != null && previous.effectiveTo() == null && next != null) {
            return Optional.of("falls inside the entry from " + previous.effectiveFrom() + " to " + next.effectiveFrom()
                    + "; history is append-only: restate that start to correct it");
        }
        return endConflict(to, next == null ? null : next.effectiveFrom());
    }

    private static Optional<String> endConflict(Instant to, Instant nextStart) {
        if (to == null || nextStart == null) {
            return Optional.empty();
        }
        if (to.isAfter(nextStart)) {
            return Optional.of("effective_to " + to + " overlaps the next entry from " + nextStart);
        }
        if (to.isBefore(nextStart)) {
            return Optional.of("effective_to " + to + " leaves a gap before the next entry from " + nextStart);
        }
        return Optional.empty();
    }
}
