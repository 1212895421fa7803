package io.lcpr.graphql.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The access rules without Quarkus: roles, a member's teams, workloads by owner, scopes by kind. */
class VisibilityTest {
    static final Map<String, String> OWNERS = Map.of("chat", "support", "rag", "docs");

    static Visibility of(Set<String> roles, Set<String> teams) {
        return new Visibility(new Caller("u", roles, teams), OWNERS);
    }

    @Test
    void financeAndPlatformAdminSeeEverything() {
        for (String role : List.of(Caller.FINANCE, Caller.PLATFORM_ADMIN)) {
            Visibility v = of(Set.of(role), Set.of());
            assertTrue(v.caller().sees("docs") && v.workload("rag") && v.workload("unregistered"));
            assertTrue(v.scope("provider", "openai") && v.scope("api_key", "k1"));
            v.caller().requireSeesAll("closing a period");
        }
    }

    @Test
    void aMemberSeesItsTeamsAndTheWorkloadsTheyOwn() {
        Visibility v = of(Set.of(Caller.TEAM_MEMBER), Set.of("support"));
        assertTrue(v.caller().sees("support") && v.workload("chat") && v.scope("team", "support")
                && v.scope("workload", "chat") && v.scope("chat") && v.anyWorkload(List.of("rag", "chat")));
        assertFalse(v.caller().sees("docs") || v.workload("rag") || v.workload("unregistered")
                || v.scope("provider", "openai") || v.scope("team", "docs") || v.anyWorkload(List.of("rag"))
                || v.anyWorkload(null));
        Forbidden f = assertThrows(Forbidden.class, () -> v.requireWorkload("rag"));
        assertEquals("u may not read or change workload 'rag': team 'docs' owns it, the token's teams are [support]",
                f.getMessage());
        assertThrows(Forbidden.class, () -> v.caller().requireSeesAll("a provider account's reconciliation"));
        assertThrows(Forbidden.class, () -> v.requireScope("team", "docs"));
    }

    @Test
    void teamsWithoutTheMemberRoleOrARoleWithoutTeamsSeeNothing() {
        Visibility noRole = of(Set.of(), Set.of("support"));
        assertFalse(noRole.caller().sees("support") || noRole.workload("chat"));
        Visibility noTeams = of(Set.of(Caller.TEAM_MEMBER), Set.of());
        assertFalse(noTeams.caller().sees("support") || noTeams.workload("chat") || noTeams.caller().sees(null));
    }
}
