package io.lcpr.reconcile.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A poll handled again: its offsets were not committed before the instance was paused past its session, killed or cut
 * off from the database (the chaos run found this), so the group hands the same records over a second time.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class UsageBatchesTest {
    @Inject
    UsageBatches batches;

    @Inject
    EntityManager em;

    @Test
    void aPollWithAnUnreadableRecordHandledTwiceDeadLettersItOnceAndDoesNotFail() {
        long offset = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        List<ConsumedRecord> poll = List.of(new ConsumedRecord(Topics.TRACES, 0, offset, "k", "not json " + offset));
        batches.traces(poll);
        // before: the second handling failed on the dead-letter row the first had committed, five retries, then the
        // whole poll went to the dead-letter topic a second time
        assertDoesNotThrow(() -> batches.traces(poll));
        long letters = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_message where topic = ?1 and payload = ?2")
                .setParameter(1, Topics.RECONCILE_DLQ).setParameter(2, "not json " + offset).getSingleResult())
                .longValue());
        assertEquals(1, letters, "the unreadable record is dead-lettered once");
    }
}
