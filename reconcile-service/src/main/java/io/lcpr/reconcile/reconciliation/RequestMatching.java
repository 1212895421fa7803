package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's bill matched to its traces request by request, where the export names the request each line bills:
 * per model (as priced) and tier, what matched, what the bill has that no trace names, what the traces have that the
 * bill does not, and the traces that name no provider request at all (they cannot be matched; 000's
 * missing_provider_request_id). Feed every billed request line, then every traced call; then {@link #cells()}.
 */
final class RequestMatching {
    static final int SAMPLES = 5;

    record Key(String model, String serviceTier) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = model.compareTo(o.model);
            return c != 0 ? c : serviceTier.compareTo(o.serviceTier);
        }
    }

    /** One model and tier's sums; samples are request ids to look up. */
    static final class Cell {
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal matchedBilled = BigDecimal.ZERO;
        BigDecimal matchedTraced = BigDecimal.ZERO;
        BigDecimal unmatchedBilled = BigDecimal.ZERO;
        BigDecimal tracedWithoutId = BigDecimal.ZERO;
        BigDecimal tracedUnbilled = BigDecimal.ZERO;
        long matched;
        long unmatchedBilledCount;
        long tracedWithoutIdCount;
        long tracedUnbilledCount;
        final List<String> unmatchedBilledSamples = new ArrayList<>();
        final List<String> tracedUnbilledSamples = new ArrayList<>();
    }

    private record Billed(Key key, BigDecimal cost) {
    }

    private final Map<String, Billed> open = new HashMap<>();
    private final Map<Key, Cell> cells = new TreeMap<>();

    void bill(String requestId, Key key, BigDecimal cost) {
        cell(key).billed = cell(key).billed.add(cost);
        open.merge(requestId, new Billed(key, cost), (a, b) -> new Billed(a.key(), a.cost().add(b.cost())));
    }

    /** A traced call: its provider request id (null when none was captured), model as priced, tier and cost. */
    void trace(String requestId, Key key, BigDecimal cost) {
        Cell cell = cell(key);
        if (requestId == null) {
            cell.tracedWithoutId = cell.tracedWithoutId.add(cost);
            cell.tracedWithoutIdCount++;
            return;
        }
        Billed b = open.remove(requestId);
        if (b == null) {
            cell.tracedUnbilled = cell.tracedUnbilled.add(cost);
            sample(cell.tracedUnbilledSamples, ++cell.tracedUnbilledCount, requestId);
        } else {
            Cell billedCell = cell(b.key());
            billedCell.matchedBilled = billedCell.matchedBilled.add(b.cost());
            cell.matchedTraced = cell.matchedTraced.add(cost);
            cell.matched++;
        }
    }

    /** The cells, the bill's requests no trace named counted in. Call once, after the last trace. */
    Map<Key, Cell> cells() {
        open.forEach((id, b) -> {
            Cell cell = cell(b.key());
            cell.unmatchedBilled = cell.unmatchedBilled.add(b.cost());
            sample(cell.unmatchedBilledSamples, ++cell.unmatchedBilledCount, id);
        });
        open.clear();
        return cells;
    }

    private Cell cell(Key key) {
        return cells.computeIfAbsent(key, k -> new Cell());
    }

    private static void sample(List<String> samples, long count, String id) {
        if (count <= SAMPLES) {
            samples.add(id);
        }
    }
}
