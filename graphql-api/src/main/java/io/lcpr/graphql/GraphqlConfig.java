package io.lcpr.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** graphql-api settings (environment: GRAPHQL_...). */
@ConfigMapping(prefix = "graphql")
public interface GraphqlConfig {
    /** reconcile-service, which mutations on incidents and budgets are forwarded to. */
    @WithName("reconcile.url")
    @WithDefault("http://127.0.0.1:8083")
    String reconcileUrl();

    /** ingest-service, which a work unit's calls are read from. */
    @WithName("ingest.url")
    @WithDefault("http://127.0.0.1:8081")
    String ingestUrl();

    /** chargeback-service, which mutations on policies and closes are forwarded to. */
    @WithName("chargeback.url")
    @WithDefault("http://127.0.0.1:8084")
    String chargebackUrl();

    /** How long a forwarded mutation waits for its owner's answer. */
    @WithName("owner.timeout.ms")
    @WithDefault("30000")
    long ownerTimeoutMs();
}
