package io.lcpr.graphql.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lcpr.graphql.GraphqlConfig;
import io.lcpr.graphql.projection.ProjectionService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The caller of the operation being run, from the verified token (HTTP header or WebSocket connection_init). */
@ApplicationScoped
public class Access {
    private final SecurityIdentity identity;
    private final ProjectionService projections;
    private final GraphqlConfig config;

    public Access(SecurityIdentity identity, ProjectionService projections, GraphqlConfig config) {
        this.identity = identity;
        this.projections = projections;
        this.config = config;
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
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Set.of();
        }
        Object claim = jwt.getClaim(config.teamsClaim());
        Set<String> teams = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                teams.add(v instanceof JsonString s ? s.getString() : v.toString());
            }
        } else if (claim instanceof Collection<?> list) {
            list.forEach(v -> teams.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            teams.add(s.getString());
        } else if (claim instanceof String s) {
            teams.add(s);
        }
        return teams;
    }
}
