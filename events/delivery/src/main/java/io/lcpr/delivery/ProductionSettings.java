package io.lcpr.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A service in the prod profile refuses to start on the development defaults of application.properties: a database
 * or broker on this machine, the default database password, the access checks off, no key to check tokens with or
 * the local demo issuer's name. A deployment that forgot a setting fails at once, naming
 * the variable, instead of running against nothing. The local launcher runs the packaged services on this machine on
 * purpose and says so with {@code LCPR_LOCAL_DEFAULTS_ALLOWED=true}.
 */
@ApplicationScoped
public class ProductionSettings {
    private static final Logger LOG = Logger.getLogger(ProductionSettings.class);
    static final String DEFAULT_PASSWORD = "postgres";
    static final String DEMO_ISSUER = "https://lcpr.local/demo";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    Optional<String> bootstrap;
    @ConfigProperty(name = "lcpr.access.enabled", defaultValue = "true")
    boolean accessEnabled;
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;
    /** Whether the development defaults are allowed in the prod profile (the local launcher; never a cluster). */
    @ConfigProperty(name = "lcpr.local-defaults-allowed", defaultValue = "false")
    boolean localDefaultsAllowed;

    void check(@Observes StartupEvent started) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(jdbcUrl.orElse(null), password.orElse(null), bootstrap.orElse(null));
        problems.addAll(accessProblems(accessEnabled, issuer.orElse(null),
                publicKeyLocation.isPresent() || publicKey.isPresent()));
        if (problems.isEmpty()) {
            return;
        }
        if (localDefaultsAllowed) {
            LOG.warnf("running on development settings (LCPR_LOCAL_DEFAULTS_ALLOWED=true): %s", problems);
            return;
        }
        throw new IllegalStateException("refusing to start in the prod profile on development settings: "
                + String.join("; ", problems) + ". Set them (deploy/kubernetes/config.yaml), or"
                + " LCPR_LOCAL_DEFAULTS_ALLOWED=true on a developer machine");
    }

    /** What is still a development default, each naming its variable. */
    static List<String> problems(String jdbcUrl, String password, String bootstrap) {
        List<String> out = new ArrayList<>();
        if (jdbcUrl == null || local(jdbcUrl)) {
            out.add("QUARKUS_DATASOURCE_JDBC_URL points at this machine (" + jdbcUrl + ")");
        }
        if (password == null || password.isEmpty() || DEFAULT_PASSWORD.equals(password)) {
            out.add("QUARKUS_DATASOURCE_PASSWORD is " + (password == null || password.isEmpty() ? "empty"
                    : "the default password"));
        }
        if (bootstrap == null || local(bootstrap)) {
            out.add("KAFKA_BOOTSTRAP_SERVERS points at this machine (" + bootstrap + ")");
        }
        return out;
    }

    /** What would let anyone in, or trust the local suite's tokens, each naming its variable. */
    static List<String> accessProblems(boolean accessEnabled, String issuer, boolean hasKey) {
        List<String> out = new ArrayList<>();
        if (!accessEnabled) {
            out.add("LCPR_ACCESS_ENABLED is false: every endpoint is open");
        }
        if (!hasKey) {
            out.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION is not set: no token can be checked");
        }
        if (issuer == null || issuer.equals(DEMO_ISSUER)) {
            out.add("MP_JWT_VERIFY_ISSUER is " + (issuer == null ? "not set" : "the local demo issuer " + issuer));
        }
        return out;
    }

    private static boolean local(String address) {
        return address.contains("127.0.0.1") || address.contains("localhost") || address.contains("[::1]");
    }
}
