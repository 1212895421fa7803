package io.lcpr.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jakarta.persistence.PersistenceException;

class DatabaseOutageTest {
    @Test
    void theSameRecordsAreHandledAgainUntilTheDatabaseIsBack() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String done = DatabaseOutage.outlast(() -> {
            if (calls.incrementAndGet() <= 4) {
                throw new PersistenceException("Unable to acquire JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
            }
            return "folded";
        }, "test", 1);
        assertEquals("folded", done);
        assertEquals(5, calls.get(), "four outages waited out, then handled once");
    }

    @Test
    void aRefusedStatementIsNoOutageAndFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(PersistenceException.class, () -> DatabaseOutage.outlast(() -> {
            calls.incrementAndGet();
            throw new PersistenceException("duplicate key", new SQLException("duplicate key value", "23505"));
        }, "test", 1));
        assertEquals(1, calls.get(), "left to the channel's @Retry and dead-letter topic");
    }
}
