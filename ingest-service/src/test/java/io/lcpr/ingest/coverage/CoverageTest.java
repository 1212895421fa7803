package io.lcpr.ingest.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The distribution 000 describes: five well-instrumented, seven partial, five minimal, three orphaned. */
class CoverageTest {

    @Test
    void theArticlesTwentyTraces() {
        List<TraceFacts> twenty = new ArrayList<>();
        for (int i = 1; i <= 5; i++) { // the primary workload: all six questions answer
            twenty.add(new TraceFacts("r" + i, "wu" + i, "support", 2000, 200, true, false, false, 400L, 2000L));
        }
        for (int i = 6; i <= 12; i++) { // no latency SLO, failures not retried
            twenty.add(new TraceFacts("r" + i, "wu" + i, "summaries", 2000, 200, true, true, false, null, null));
        }
        for (int i = 13; i <= 17; i++) { // no eval on this workload
            twenty.add(new TraceFacts("r" + i, "wu" + i, "extraction", 2000, 200, false, null, false, 300L, 900L));
        }
        for (int i = 18; i <= 20; i++) { // no workload tag propagated
            twenty.add(new TraceFacts("r" + i, null, null, 2000, 200, false, null, false, null, null));
        }
        Coverage.Report report = Coverage.report(twenty);
        assertEquals(Map.of(Coverage.WELL, 5, Coverage.PARTIAL, 7, Coverage.MINIMAL, 5, Coverage.ORPHANED, 3),
                report.counts());
        assertEquals(3, report.gaps().get("workload attribution missing"));
        assertEquals(8, report.gaps().get("no quality verdict for the output"));
    }

    @Test
    void aFailureWithNoFollowUpIsAGapButAFollowedUpOneIsNot() {
        assertEquals(Coverage.WELL, Coverage.classify(
                new TraceFacts("r", "wu", "w", 1, 1, true, true, true, 1L, 1L)).coverageClass());
        assertEquals(Coverage.PARTIAL, Coverage.classify(
                new TraceFacts("r", "wu", "w", 1, 1, true, true, false, 1L, 1L)).coverageClass());
        assertEquals(Coverage.PARTIAL, Coverage.classify(
                new TraceFacts("r", null, "w", 1, 1, true, false, false, 1L, 1L)).coverageClass(),
                "without a work unit the chain is invisible");
    }
}
