package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void theMachineInCoresOverThePhase() {
        double[] before = { 100, 50, 1, 400, 0 };
        double[] after = { 110, 55, 2, 404, 0.5 };
        String line = CpuTimes.machine(before, after, 10);
        assertTrue(line.startsWith("busy 1.50 of "), line);
        assertTrue(line.contains("(user 1.00, system 0.50), iowait 0.10, idle 0.40, steal 0.05"), line);
    }

    @Test
    void readsThisMachinesCounters() {
        double[] now = CpuTimes.machine();
        assertEquals(5, now.length, "user, system, iowait, idle, steal");
        assertTrue(now[0] > 0 && now[3] >= 0, "this JVM has used CPU since boot");
        assertEquals("n/a (no /proc/stat)", CpuTimes.machine(new double[0], now, 1));
    }

    @Test
    void postgresProcessesByRoleFromTheirTitles() {
        assertEquals("sessions", CpuTimes.postgresRole("postgres: reconcile postgres 127.0.0.1(51234) COPY"));
        assertEquals("autovacuum and ended workers", CpuTimes.postgresRole("postgres: autovacuum worker postgres"));
        // the postmaster, which carries the CPU of its children that ended
        assertEquals("autovacuum and ended workers",
                CpuTimes.postgresRole("/tmp/embedded-pg/PG-1/bin/postgres -D /tmp/x/postgres -p 5432"));
        assertEquals("io worker", CpuTimes.postgresRole("postgres: io worker 1"));
        assertEquals("walwriter", CpuTimes.postgresRole("postgres: walwriter "));
    }
}
