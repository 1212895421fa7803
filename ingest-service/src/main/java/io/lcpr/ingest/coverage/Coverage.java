package io.lcpr.ingest.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The twenty-trace exercise of 000 ("Start with Twenty Traces") as a classifier. Six questions per trace:
 * 1 which workload; 2 what input (token counts); 3 what output, and did it pass the quality bar; 4 what did it cost,
 * matchable to the provider's usage (a provider request id); 5 latency against the SLO (TTFT and E2E recorded);
 * 6 if it failed, what happened next (a visible chain: retry, repair, escalation). Classes as in the article:
 * well-instrumented (all six), partial (1-4), minimal (1, maybe 2, not 3), orphaned (not even 1).
 */
public final class Coverage {
    public static final String WELL = "well_instrumented";
    public static final String PARTIAL = "partial";
    public static final String MINIMAL = "minimal";
    public static final String ORPHANED = "orphaned";

    static final String[] GAPS = {
        "workload attribution missing",
        "input token counts missing",
        "no quality verdict for the output",
        "no provider request id to match the usage export",
        "latency not recorded (TTFT and E2E)",
        "failure handling invisible (no work unit chain, no verdict, or a failure with no retry, repair or escalation)" };

    /** One trace's answers, its class, and the gaps named. */
    public record TraceCoverage(String requestId, String workload, boolean[] answers, String coverageClass,
            List<String> gaps) {
    }

    /** The exercise over a sample. */
    public record Report(int sampled, Map<String, Integer> counts, Map<String, Integer> gaps,
            List<TraceCoverage> traces) {
    }

    private Coverage() {
    }

    public static TraceCoverage classify(TraceFacts f) {
        boolean[] a = new boolean[6];
        a[0] = f.workload() != null;
        a[1] = f.inputTokens() > 0;
        a[2] = f.outputTokens() >= 0 && f.qualityVerdict();
        a[3] = f.requestId() != null;
        a[4] = f.ttftMs() != null && f.e2eMs() != null;
        a[5] = f.workUnitId() != null && f.failed() != null && (!f.failed() || f.followedUp());
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (!a[i]) {
                gaps.add(GAPS[i]);
            }
        }
        String cls;
        if (!a[0]) {
            cls = ORPHANED;
        } else if (gaps.isEmpty()) {
            cls = WELL;
        } else if (a[1] && a[2] && a[3]) {
            cls = PARTIAL;
        } else {
            cls = MINIMAL;
        }
        return new TraceCoverage(f.requestId(), f.workload(), a, cls, gaps);
    }

    public static Report report(List<TraceFacts> sample) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : List.of(WELL, PARTIAL, MINIMAL, ORPHANED)) {
            counts.put(c, 0);
        }
        Map<String, Integer> gaps = new LinkedHashMap<>();
        List<TraceCoverage> traces = new ArrayList<>();
        for (TraceFacts f : sample) {
            TraceCoverage c = classify(f);
            counts.merge(c.coverageClass(), 1, Integer::sum);
            c.gaps().forEach(g -> gaps.merge(g, 1, Integer::sum));
            traces.add(c);
        }
        return new Report(sample.size(), counts, gaps, traces);
    }
}
