package io.lcpr.reconcile;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of the service's own background work (runs, rebuilds, compaction): named, so a thread dump and the log say
 * whose work it is, and daemons, so none of them holds the JVM open at shutdown.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
