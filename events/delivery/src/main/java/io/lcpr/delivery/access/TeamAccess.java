package io.lcpr.delivery.access;

import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ForbiddenException;

/**
 * What a path permission cannot decide: a team member reaches only its own teams. The path permissions of
 * META-INF/microprofile-config.properties let a {@code team-member} through to the few endpoints that take one (an
 * incident, a budget, a work unit); those endpoints ask here whether the teams they touch are the caller's.
 */
@ApplicationScoped
public class TeamAccess {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String FINANCE = "finance";
    public static final String TEAM_MEMBER = "team-member";
    public static final String TRACE_SENDER = "trace-sender";

    private final SecurityIdentity identity;
    /** The token claim that lists a team member's teams (an array of team names). */
    @ConfigProperty(name = "lcpr.access.teams-claim", defaultValue = "teams")
    String teamsClaim;

    public TeamAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The teams the caller is held to, or empty when it is held to none: platform-admin and finance, and a request
     * without a token, which only reaches here while the access checks are off (the test profile).
     */
    public Optional<Set<String>> heldTo() {
        if (identity.isAnonymous() || identity.hasRole(PLATFORM_ADMIN) || identity.hasRole(FINANCE)) {
            return Optional.empty();
        }
        return Optional.of(teamsOf(identity.getPrincipal(), teamsClaim));
    }

    /** 403 naming {@code what} unless every team in {@code teams} is the caller's (an unknown team is no one's). */
    public void requireTeams(Collection<String> teams, String what) {
        Optional<Set<String>> own = heldTo();
        if (own.isEmpty()) {
            return;
        }
        for (String team : teams) {
            if (team == null || !own.get().contains(team)) {
                throw new ForbiddenException(identity.getPrincipal().getName() + " may not read or change " + what
                        + ": it belongs to " + (team == null ? "no team" : "team '" + team + "'")
                        + ", the token's teams are " + new TreeSet<>(own.get()));
            }
        }
    }

    /** The teams a token's claim lists (a JSON array or a single string). */
    public static Set<String> teamsOf(Principal principal, String claimName) {
        if (!(principal instanceof JsonWebToken jwt)) {
            return Set.of();
        }
        Object claim = jwt.getClaim(claimName);
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
