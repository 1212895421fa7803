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
 * or broker on this machine, the default database password. A deployment that forgot a setting fails at once, naming
 * the variable, instead of running against nothing. The local launcher runs the packaged services on this machine on
 * purpose and says so with {@code LCPR_LOCAL_DEFAULTS_ALLOWED=true}.
 */
@ApplicationScoped
public class ProductionSettings {
    private static final Logger LOG = Logger.getLogger(ProductionSettings.class);
    static final String DEFAULT_PASSWORD = "postgres";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    Optional<String> bootstrap;
    /** Whether the development defaults are allowed in the prod profile (the local launcher; never a cluster). */
    @ConfigProperty(name = "lcpr.local-defaults-allowed", defaultValue = "false")
    boolean localDefaultsAllowed;

    void check(@Observes StartupEvent started) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(jdbcUrl.orElse(null), password.orElse(null), bootstrap.orElse(null));
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

    private static boolean local(String address) {
        return address.contains("127.0.0.1") || address.contains("localhost") || address.contains("[::1]");
    }
}
