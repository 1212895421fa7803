package io.lcpr.reconcile.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lcpr.delivery.copy.BinaryCopy;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Instants;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.price.BillableUnits;

/**
 * What a poll of new calls adds to the folded store, worked out in the service: its calls once each (the first of
 * each dedupe key), their hourly sums, their work units (attempts and the final attempt) and their non-token counts.
 * The same arithmetic as the fold statement's SQL ({@code UsageRepository}): PostgreSQL then upserts a few hundred
 * sums and a row per unit instead of grouping five thousand wide rows itself.
 */
final class PollFold {
    static final long HOUR_MICROS = 3_600_000_000L;

    /** An hourly rollup's key (usage_hourly's primary key), absent text as ''. */
    record HourKey(long hourMicros, String provider, String projectId, String model, String serviceTier,
            String workload, String team, String attemptKind, int promptClass, boolean sampled) {
    }

    /** A rollup's sums: weighted token sums, calls weighted and stored, the prompt range. */
    static final class HourSums {
        long calls;
        long storedCalls;
        long inputTokens;
        long cacheReadTokens;
        long cacheCreationTokens;
        long outputTokens;
        long reasoningApart;
        long minInput = Long.MAX_VALUE;
        long maxInput = Long.MIN_VALUE;
    }

    /** A non-token rollup's key (usage_unit_hourly's primary key). */
    record UnitHourKey(long hourMicros, String provider, String projectId, String model, String serviceTier,
            String workload, String team, String attemptKind, boolean sampled, String unit) {
    }

    /** A non-token rollup's sums: the weighted quantity and the weighted calls. */
    static final class UnitHourSums {
        BigDecimal quantity = BigDecimal.ZERO;
        long calls;
    }

    /** A work unit's calls in this poll (graders left out): how many, and the last to start. */
    static final class UnitAttempts {
        final String unitKey;
        long attempts;
        long startedMicros;
        String requestId; // '' when absent, as the tie-break compares it
        String workload;
        String team;
        Long ttftMs;
        Long e2eMs;

        /** SQL types of {@link #columns}. */
        static final String[] TYPES = { "text", "text", "int8", "int8", "text", "int8", "int8", "text" };

        UnitAttempts(String unitKey) {
            this.unitKey = unitKey;
        }

        /** Units column-wise (key, workload, attempts, start, request id, TTFT, E2E, team), to be unnested. */
        static Object[][] columns(List<UnitAttempts> units) {
            return UsageRepository.columns(units, TYPES.length, u -> new Object[] { u.unitKey, u.workload,
                    u.attempts, u.startedMicros, u.requestId, u.ttftMs, u.e2eMs, u.team });
        }

        /** Later start wins, then the greater request id (byte order, as the statement's collate "C"). */
        void add(long started, String request, CanonicalTrace t) {
            attempts++;
            if (attempts == 1 || started > startedMicros
                    || (started == startedMicros && compareCodePoints(request, requestId) > 0)) {
                startedMicros = started;
                requestId = request;
                workload = nullToEmpty(t.workload());
                team = nullToEmpty(t.team());
                ttftMs = t.ttftMs();
                e2eMs = t.e2eMs();
            }
        }
    }

    /** A call's count of a non-token unit. */
    record CallUnit(String dedupeKey, String unit, BigDecimal quantity) {
    }

    final List<TraceRecordedV1> calls;
    final Map<HourKey, HourSums> hourly = new LinkedHashMap<>();
    final Map<String, UnitAttempts> units = new LinkedHashMap<>();
    final List<CallUnit> callUnits = new ArrayList<>();
    final Map<UnitHourKey, UnitHourSums> unitHourly = new LinkedHashMap<>();
    /** Request id and unit of each call that names a request: verdicts waiting for them get their unit. */
    final List<String[]> requests;
    /** Each call's sampling weight and unit key, by its index in calls: worked out once, read again by callRows. */
    private final int[] weights;
    private final String[] unitKeys;

    private PollFold(List<TraceRecordedV1> calls) {
        this.calls = calls;
        this.requests = new ArrayList<>(calls.size());
        this.weights = new int[calls.size()];
        this.unitKeys = new String[calls.size()];
    }

    static PollFold of(List<TraceRecordedV1> events) {
        Set<String> seen = new HashSet<>(events.size() * 2);
        List<TraceRecordedV1> calls = new ArrayList<>(events.size());
        for (TraceRecordedV1 e : events) {
            if (seen.add(e.dedupeKey())) {
                calls.add(e);
            }
        }
        PollFold fold = new PollFold(calls);
        for (int i = 0; i < calls.size(); i++) {
            fold.add(i, calls.get(i));
        }
        return fold;
    }

    private void add(int index, TraceRecordedV1 e) {
        CanonicalTrace t = e.trace();
        long started = Instants.epochMicros(t.startedAt());
        long hour = Math.floorDiv(started, HOUR_MICROS) * HOUR_MICROS;
        int weight = FoldKeys.weight(t);
        long input = t.inputTokens();
        long output = t.outputOrZero();
        long reasoning = t.reasoningTokens() == null ? 0L : t.reasoningTokens();
        String unitKey = FoldKeys.unitKey(t);
        weights[index] = weight;
        unitKeys[index] = unitKey;
        HourSums sums = hourly.computeIfAbsent(new HourKey(hour, t.provider(), nullToEmpty(t.projectId()), t.model(),
                t.serviceTier(), nullToEmpty(t.workload()), nullToEmpty(t.team()), t.attemptKind(),
                FoldKeys.promptClass(input), weight > 1), k -> new HourSums());
        sums.calls += weight;
        sums.storedCalls++;
        sums.inputTokens += weight * input;
        sums.cacheReadTokens += weight * t.cacheReadOrZero();
        sums.cacheCreationTokens += weight * t.cacheCreationOrZero();
        sums.outputTokens += weight * output;
        sums.reasoningApart += weight * Math.min(reasoning, output);
        sums.minInput = Math.min(sums.minInput, input);
        sums.maxInput = Math.max(sums.maxInput, input);
        if (!"eval_grader".equals(t.attemptKind())) {
            units.computeIfAbsent(unitKey, UnitAttempts::new).add(started, nullToEmpty(t.requestId()), t);
        }
        if (t.requestId() != null) {
            requests.add(new String[] { t.requestId(), unitKey });
        }
        BillableUnits.ofTrace(t.attributes()).forEach((unit, quantity) -> {
            callUnits.add(new CallUnit(e.dedupeKey(), unit, quantity));
            UnitHourSums u = unitHourly.computeIfAbsent(new UnitHourKey(hour, t.provider(),
                    nullToEmpty(t.projectId()), t.model(), t.serviceTier(), nullToEmpty(t.workload()),
                    nullToEmpty(t.team()), t.attemptKind(), weight > 1, unit), k -> new UnitHourSums());
            u.quantity = u.quantity.add(quantity.multiply(BigDecimal.valueOf(weight)));
            u.calls += weight;
        });
    }

    /** The poll's calls as binary COPY rows, in UsageRepository.COPY_CALLS's column order. */
    BinaryCopy callRows() {
        BinaryCopy out = new BinaryCopy(64 + calls.size() * 400);
        for (int i = 0; i < calls.size(); i++) {
            TraceRecordedV1 e = calls.get(i);
            CanonicalTrace t = e.trace();
            out.row(24);
            out.text(e.dedupeKey());
            out.text(t.requestId());
            out.text(t.workUnitId());
            out.text(t.attemptKind());
            out.text(t.workload());
            out.text(t.team());
            out.text(t.provider());
            out.text(t.projectId());
            out.text(t.model());
            out.text(t.serviceTier());
            out.timestampMicrosField(Instants.epochMicros(t.startedAt()));
            out.int64Field(t.inputTokens());
            out.int64Field(t.cacheReadOrZero());
            out.int64Field(t.cacheCreationOrZero());
            out.int64Field(t.outputOrZero());
            out.int64Field(t.reasoningTokens() == null ? 0L : t.reasoningTokens());
            out.int64Field(t.ttftMs());
            out.int64Field(t.e2eMs());
            out.int32Field(weights[i]);
            out.text(unitKeys[i]);
            out.text(t.apiKeyId());
            out.text(t.status());
            out.text(t.errorType());
            out.text(t.account());
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Code point order, which is UTF-8 byte order: what PostgreSQL's collate "C" compares. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
