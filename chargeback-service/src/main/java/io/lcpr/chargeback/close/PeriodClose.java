package io.lcpr.chargeback.close;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lcpr.events.TeamAllocationV1;

/**
 * A closed month at one version (1 at close, then one more per correction): the run it froze, who closed it and
 * when, the reasons a forced close overrode, and the team statements this version published ({@code published}
 * false: nothing new, as when a month already closed is closed again or a correction changes nothing).
 */
public record PeriodClose(String period, int version, UUID runId, String by, Instant at, String forcedReason,
        List<String> overridden, boolean published, List<TeamAllocationV1> statements) {
}
