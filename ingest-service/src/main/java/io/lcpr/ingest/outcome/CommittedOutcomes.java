package io.lcpr.ingest.outcome;

import java.util.List;

/** A chunk whose outcomes are stored, fired inside the storing transaction and observed once it has committed. */
public record CommittedOutcomes(long id, List<StoredOutcome> outcomes) {
}
