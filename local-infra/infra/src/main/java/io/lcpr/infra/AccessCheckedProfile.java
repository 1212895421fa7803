package io.lcpr.infra;

import java.util.Map;

/**
 * {@link LocalInfraProfile} with the access checks on, as in production: the test profile of every service leaves
 * them off (a test calls a service as its own code would), and each service's AccessTest switches them on here.
 */
public class AccessCheckedProfile extends LocalInfraProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // the profile-prefixed key too: %test.lcpr.access.enabled=false would otherwise win over a plain override
        return Map.of("lcpr.access.enabled", "true", "%test.lcpr.access.enabled", "true");
    }
}
