package io.lcpr.reconcile.usage;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Judges, once after an upgrade, the work units stored before units were judged on arrival (V4), a batch per
 * transaction, then records that none is left (V8), so later starts read one row. Runs on a virtual thread so that
 * startup does not wait.
 */
@ApplicationScoped
public class UnitJudgingCatchUp {
    private static final Logger LOG = Logger.getLogger(UnitJudgingCatchUp.class);
    private static final int BATCH = 10_000;

    private final UnitJudgements judgements;

    public UnitJudgingCatchUp(UnitJudgements judgements) {
        this.judgements = judgements;
    }

    void start(@Observes StartupEvent event) {
        Thread.ofVirtual().name("unit-judging-catch-up").start(this::catchUp);
    }

    void catchUp() {
        try {
            if (!QuarkusTransaction.requiringNew().call(judgements::catchUpPending)) {
                return;
            }
            long total = 0;
            int judged;
            do {
                judged = QuarkusTransaction.requiringNew().call(() -> judgements.judgeUnjudged(BATCH));
                total += judged;
                if (judged > 0) {
                    LOG.infof("work units stored before judging on arrival: %d judged so far", total);
                }
            } while (judged == BATCH);
            QuarkusTransaction.requiringNew().run(judgements::catchUpDone);
        } catch (RuntimeException e) {
            LOG.error("judging the work units stored before V4 failed; runs count only judged units until a restart", e);
        }
    }
}
