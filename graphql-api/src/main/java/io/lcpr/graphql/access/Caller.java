package io.lcpr.graphql.access;

import java.util.Set;

/**
 * Who is asking, as their token says: roles ({@code platform-admin} and {@code finance} see everything,
 * {@code team-member} the teams of its {@code teams} claim) and those teams. Plain Java: the rules are tested without
 * Quarkus.
 */
public record Caller(String name, Set<String> roles, Set<String> teams) {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String FINANCE = "finance";
    public static final String TEAM_MEMBER = "team-member";
    public static final Set<String> ROLES = Set.of(PLATFORM_ADMIN, FINANCE, TEAM_MEMBER);

    public Caller {
        roles = Set.copyOf(roles);
        teams = Set.copyOf(teams);
    }

    public boolean seesAll() {
        return roles.contains(PLATFORM_ADMIN) || roles.contains(FINANCE);
    }

    public boolean sees(String team) {
        return seesAll() || (team != null && roles.contains(TEAM_MEMBER) && teams.contains(team));
    }

    /** A team a query names: FORBIDDEN unless the caller sees it. */
    public void requireTeam(String team) {
        if (!sees(team)) {
            throw new Forbidden(name + " may not read or change team '" + team + "': the token's teams are "
                    + teams.stream().sorted().toList());
        }
    }

    /** What only platform-admin and finance may read or do (a provider account's invoice, a period's close). */
    public void requireSeesAll(String what) {
        if (!seesAll()) {
            throw new Forbidden(what + " is for the platform-admin and finance roles; " + name + " is a "
                    + TEAM_MEMBER);
        }
    }
}
