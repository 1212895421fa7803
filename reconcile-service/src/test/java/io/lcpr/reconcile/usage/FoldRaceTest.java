package io.lcpr.reconcile.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.reconcile.MonthFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A unit's first call folded while an outcome poll, not yet committed, stores the unit's stub: the fold inserts the
 * units it did not find without a conflict check, so it waits on the stub's key and then fails on it; the poll is
 * folded again with the conflict-checking statement and the unit comes out as if the two had run one after the other.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class FoldRaceTest {
    @Inject
    UsageBatches batches;
    @Inject
    DataSource dataSource;

    @Test
    void aStubStoredWhileTheFoldRunsIsMergedNotLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2032-03-04T05:06:07Z");
        String raced = "race-" + run;
        String sequential = "seq-" + run;

        // the same events for a second unit, one poll after the other: what the raced unit must equal
        batches.outcomes(MonthFixtures.records(List.of(verdict(sequential, at))));
        batches.traces(MonthFixtures.records(List.of(call(sequential, at))));

        CountDownLatch stubStored = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // threads of their own: the common pool may have one thread on two cores, and the first task holds it
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> outcomes = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            batches.outcomes(MonthFixtures.records(List.of(verdict(raced, at))));
            stubStored.countDown();
            await(release);
        }), threads);
        await(stubStored);
        CompletableFuture<Void> fold = CompletableFuture.runAsync(
                () -> batches.traces(MonthFixtures.records(List.of(call(raced, at)))), threads);
        // the fold's statement waits on the stub's key: a lock held by the outcome poll's open transaction
        Await.until(Duration.ofSeconds(20), () -> "the fold waiting on the stub (fold done: " + fold.isDone()
                + "; sessions: " + sessions() + ")", this::foldWaitsOnALock);
        release.countDown();
        outcomes.get(30, TimeUnit.SECONDS);
        fold.get(30, TimeUnit.SECONDS); // without the second try, the stub's key fails the poll
        threads.shutdown();

        // one attempt, the call final, judged a first-attempt pass (result 1) by the verdict
        assertEquals("1 call- 1", unitRow(raced));
        assertEquals(unitRow(sequential), unitRow(raced));
    }

    private boolean foldWaitsOnALock() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and query like '%verdicts that named one of these calls%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sessions() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select string_agg(state || ' ' || coalesce(wait_event_type,"
                        + " '') || ':' || coalesce(wait_event, '') || ' ' || left(regexp_replace(query, '\\s+', ' ', 'g'),"
                        + " 60), ' | ') from pg_stat_activity where backend_type = 'client backend'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unit's attempts, final request and result, with its key left out. */
    private String unitRow(String unit) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select attempts, final_request_id, result from work_unit where unit_key = ?")) {
            ps.setString(1, unit);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "no row";
                }
                return rs.getInt(1) + " " + rs.getString(2).replace(unit, "") + " " + rs.getObject(3);
            }
        }
    }

    private static TraceRecordedV1 call(String unit, Instant at) {
        String request = "call-" + unit;
        CanonicalTrace t = new CanonicalTrace(request, null, null, unit, null, "first_attempt", "race-workload", "t-a",
                null, "race-provider", "m-small", "standard", null, null, "proj-0", null, null, at, 100L, 0L, 0L, 20L,
                0L, 300L, 900L, null, null, null, null);
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:race-provider:" + request, t);
    }

    private static OutcomeRecordedV1 verdict(String unit, Instant at) {
        return FoldEquivalenceTest.outcome("eval", null, unit, true, null, at.plusSeconds(60));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
