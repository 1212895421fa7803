package io.lcpr.graphql.access;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lcpr.delivery.access.TeamAccess;
import io.lcpr.graphql.projection.ProjectionService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/** The caller of the operation being run, from the verified token (HTTP header or WebSocket connection_init). */
@ApplicationScoped
public class Access {
    private final SecurityIdentity identity;
    private final ProjectionService projections;
    /** The token claim that lists a team member's teams (shared with the other services: LCPR_ACCESS_TEAMS_CLAIM). */
    @ConfigProperty(name = "lcpr.access.teams-claim", defaultValue = "teams")
    String teamsClaim;

    public Access(SecurityIdentity identity, ProjectionService projections) {
        this.identity = identity;
        this.projections = projections;
    }

    /** UNAUTHENTICATED without a token; FORBIDDEN with one that carries none of the roles. */
    public Caller caller() {
        if (identity.isAnonymous()) {
            throw new Unauthenticated("a bearer token is required (Authorization: Bearer ..., or the Authorization"
                    + " field of a WebSocket's connection_init payload)");
        }
        Set<String> roles = new LinkedHashSet<>(identity.getRoles());
        roles.retainAll(Caller.ROLES);
        String name = identity.getPrincipal().getName();
        if (roles.isEmpty()) {
            throw new Forbidden(name + "'s token has none of the roles " + Caller.ROLES.stream().sorted().toList()
                    + " in its groups");
        }
        return new Caller(name, roles, teams());
    }

    /** The caller with the workload registry its team rules read (not read at all for a caller who sees all). */
    public Visibility visibility() {
        return visibility(caller());
    }

    /** For a subscription: the caller is fixed when it subscribes, the registry read as each event arrives. */
    @ActivateRequestContext
    public Visibility visibility(Caller caller) {
        return new Visibility(caller, caller.seesAll() ? Map.of() : projections.workloadOwners());
    }

    private Set<String> teams() {
        return TeamAccess.teamsOf(identity.getPrincipal(), teamsClaim);
    }
}
