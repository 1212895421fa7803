package io.lcpr.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls until a condition holds: for what arrives asynchronously over Kafka, in tests and the demo loader. */
public final class Await {
    private Await() {
    }

    public static void until(Duration timeout, String what, BooleanSupplier done) {
        until(timeout, () -> what, done);
    }

    /** As above, the timeout's message told when it happens (what was last seen). */
    public static void until(Duration timeout, java.util.function.Supplier<String> what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what.get(), e);
            }
        }
    }
}
