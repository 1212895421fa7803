package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

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
        assertEquals("autovacuum worker", CpuTimes.postgresRole("postgres: autovacuum worker postgres"));
        assertEquals("parallel worker", CpuTimes.postgresRole("postgres: parallel worker for PID 7 "));
        assertEquals("postmaster", CpuTimes.postgresRole("/tmp/embedded-pg/PG-1/bin/postgres\0-D\0/tmp/x\0"));
        assertEquals("io worker", CpuTimes.postgresRole("postgres: io worker 1"));
        assertEquals("walwriter", CpuTimes.postgresRole("postgres: walwriter "));
        assertEquals("other background", CpuTimes.postgresRole("postgres: autovacuum launcher "));
    }

    @Test
    void aSessionThatClosesInThePhaseBringsOnlyItsTimeInThePhase() {
        // pid 1 the postmaster; 10 a pooled session that worked before the phase, closed while idle in it; 11 a
        // session busy throughout; 12 an autovacuum worker that started and ended inside the phase
        Map<Long, CpuTimes.PostgresProcess> before = Map.of(
                1L, new CpuTimes.PostgresProcess("postmaster", 2, 40),
                10L, new CpuTimes.PostgresProcess("sessions", 300, 0),
                11L, new CpuTimes.PostgresProcess("sessions", 5, 0));
        // the postmaster reaped 10 (300 s before, 1 s in the phase) and 12 (7 s)
        Map<Long, CpuTimes.PostgresProcess> after = Map.of(
                1L, new CpuTimes.PostgresProcess("postmaster", 2.5, 40 + 301 + 7),
                11L, new CpuTimes.PostgresProcess("sessions", 65, 0),
                13L, new CpuTimes.PostgresProcess("autovacuum worker", 3, 0));
        Map<String, Double> byRole = CpuTimes.postgresByRole(before, after);
        assertEquals(60, byRole.get("sessions"), 1e-9);
        assertEquals(8, byRole.get(CpuTimes.ENDED), 1e-9, "1 s of the closed session, 7 of the worker");
        assertEquals(3, byRole.get("autovacuum worker"), 1e-9);
        assertEquals(0.5, byRole.get("postmaster"), 1e-9);
        double total = byRole.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals((2.5 + 348 + 65 + 3) - (2 + 40 + 300 + 5), total, 1e-9, "the processes' counters moved by as much");
    }
}
