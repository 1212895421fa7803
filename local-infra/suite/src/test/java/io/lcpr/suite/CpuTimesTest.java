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

    @Test
    void aThreadThatEndsInThePhaseIsCountedApartNotTakenOffItsGroup() {
        // threads 101 and 102 request workers, 103 a fold worker; the pool retires 101 mid-phase (20 s before, 2 s in
        // it) and starts 104 (1 s)
        CpuTimes.JvmThreads before = new CpuTimes.JvmThreads(100, Map.of(
                101L, new CpuTimes.JvmThreads.Live("request workers", 20),
                102L, new CpuTimes.JvmThreads.Live("request workers", 10),
                103L, new CpuTimes.JvmThreads.Live("fold workers", 50)));
        CpuTimes.JvmThreads after = new CpuTimes.JvmThreads(100 + 2 + 4 + 30 + 1, Map.of(
                102L, new CpuTimes.JvmThreads.Live("request workers", 14),
                103L, new CpuTimes.JvmThreads.Live("fold workers", 80),
                104L, new CpuTimes.JvmThreads.Live("request workers", 1)));
        Map<String, Double> byGroup = before.byGroup(after);
        assertEquals(5, byGroup.get("request workers"), 1e-9, "4 s of 102 and 1 s of 104; 101's 20 s not taken off");
        assertEquals(30, byGroup.get("fold workers"), 1e-9);
        assertEquals(2, byGroup.get(CpuTimes.ENDED), 1e-9, "what 101 used in the phase");
        double total = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(37, total, 1e-9, "the process's counter moved by as much");
        assertEquals(Map.of(), before.byGroup(CpuTimes.JvmThreads.NONE), "no /proc: nothing to say");
    }

    @Test
    void readsThisJvmsThreads() {
        CpuTimes.JvmThreads now = CpuTimes.JvmThreads.of(ProcessHandle.current().pid(), t -> "all");
        assertTrue(now.threads().size() > 1, "a JVM runs more than one thread");
        double threads = now.threads().values().stream().mapToDouble(CpuTimes.JvmThreads.Live::seconds).sum();
        assertTrue(now.processSeconds() >= threads - 0.05, "the process's time holds its live threads' time");
    }
}
