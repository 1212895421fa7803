package io.lcpr.suite;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.lcpr.infra.DemoIssuer;

/**
 * The one token issuer of this launcher JVM and the platform-admin token its own requests carry: every service it
 * starts trusts the issuer (ServiceProcess), and the demo loader, the benchmarks and the end-to-end tests ask as
 * platform-admin unless they name another token. {@code ./suite.sh run} keeps the keys in {@code .local/jwt} so a
 * printed token outlives a restart; a test or benchmark JVM makes a temporary pair.
 */
public final class LocalCredentials {
    private static DemoIssuer issuer;
    private static String admin;
    private static Instant minted = Instant.EPOCH;
    private static String sender;

    private LocalCredentials() {
    }

    /** Uses this issuer from now on (the launcher's, kept in its work directory). */
    public static synchronized void use(DemoIssuer chosen) {
        issuer = chosen;
        admin = null;
        sender = null;
    }

    public static synchronized DemoIssuer issuer() {
        if (issuer == null) {
            issuer = DemoIssuer.forTests();
        }
        return issuer;
    }

    /** The environment a started service needs to trust the issuer. */
    public static Map<String, String> verifierEnvironment() {
        return issuer().verifierEnvironment();
    }

    /** {@code Bearer <platform-admin token>}, minted again well before its 12 hours run out. */
    public static synchronized String adminBearer() {
        if (admin == null || Duration.between(minted, Instant.now()).toHours() >= 6) {
            admin = issuer().admin();
            minted = Instant.now();
        }
        return "Bearer " + admin;
    }

    /** {@code Bearer <trace-sender token>}: how a gateway posts traces and outcomes (valid 30 days). */
    public static synchronized String senderBearer() {
        if (sender == null) {
            sender = issuer().sender();
        }
        return "Bearer " + sender;
    }
}
