package io.lcpr.graphql.access;

import java.util.Collection;
import java.util.Map;

/**
 * What a caller sees of things that belong to a team through a workload (LCPR, incidents, baselines) or a scope
 * (alerts, budgets: a team, a workload, or a provider, model, project or API key, which only the roles that see
 * everything see). A workload's team is its owner in the registry (workloads.v1).
 */
public record Visibility(Caller caller, Map<String, String> ownerOfWorkload) {

    public boolean workload(String workload) {
        return caller.seesAll() || caller.sees(ownerOfWorkload.get(workload));
    }

    /** An incident is a team's when it touched one of the team's workloads. */
    public boolean anyWorkload(Collection<String> workloads) {
        return caller.seesAll() || (workloads != null && workloads.stream().anyMatch(this::workload));
    }

    /** A scope of a known kind (team, workload; anything else only for the roles that see everything). */
    public boolean scope(String kind, String scope) {
        if (caller.seesAll()) {
            return true;
        }
        return switch (kind == null ? "" : kind) {
            case "team" -> caller.sees(scope);
            case "workload" -> workload(scope);
            default -> false;
        };
    }

    /** A scope named without its kind (a filter argument): a team or a workload the caller sees. */
    public boolean scope(String scope) {
        return caller.seesAll() || caller.sees(scope) || workload(scope);
    }

    public void requireWorkload(String workload) {
        if (!workload(workload)) {
            throw new Forbidden(caller.name() + " may not read or change workload '" + workload + "': "
                    + (ownerOfWorkload.containsKey(workload) ? "team '" + ownerOfWorkload.get(workload) + "' owns it"
                            : "it is in no team's registry") + ", the token's teams are "
                    + caller.teams().stream().sorted().toList());
        }
    }

    public void requireScope(String kind, String scope) {
        if (!scope(kind, scope)) {
            throw new Forbidden(caller.name() + " may not read or change the " + kind + " scope '" + scope
                    + "': a team member reaches its own teams and the workloads they own");
        }
    }

    public void requireScope(String scope) {
        if (!scope(scope)) {
            throw new Forbidden(caller.name() + " may not read scope '" + scope
                    + "': a team member reaches its own teams and the workloads they own");
        }
    }
}
