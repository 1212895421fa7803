package io.lcpr.ingest.workunit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.outcome.OutcomeEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.lcpr.ingest.trace.store.StoredTrace;

@ApplicationScoped
public class WorkUnitService {
    private final TraceRepository repository;

    public WorkUnitService(TraceRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Optional<WorkUnitChain> chain(String workUnitId) {
        List<CanonicalTrace> traces = repository.findByWorkUnit(workUnitId).stream().map(StoredTrace::trace).toList();
        if (traces.isEmpty()) {
            return Optional.empty();
        }
        List<String> requests = traces.stream().map(CanonicalTrace::requestId).filter(r -> r != null).toList();
        List<OutcomeEntity> outcomes = requests.isEmpty()
                ? OutcomeEntity.list("workUnitId = ?1 order by observedAt", workUnitId)
                : OutcomeEntity.list("workUnitId = ?1 or requestId in ?2 order by observedAt", workUnitId, requests);
        List<WorkUnitChain.Call> calls = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            CanonicalTrace t = traces.get(i);
            calls.add(new WorkUnitChain.Call(i + 1, t.requestId(), t.attemptKind(), t.parentRequestId(), t.model(),
                    t.startedAt(), t.inputTokens(), t.cacheReadOrZero(), t.outputOrZero(), t.ttftMs(), t.e2eMs(),
                    t.status(), t.finishReason(), t.provider(), t.serviceTier(), t.region(), t.team(),
                    t.cacheCreationOrZero(), t.reasoningTokens() == null ? 0 : t.reasoningTokens()));
        }
        List<WorkUnitChain.OutcomeView> views = outcomes.stream().map(o -> new WorkUnitChain.OutcomeView(o.kind,
                o.requestId, o.passed, o.humanCost, o.reason, o.observedAt)).toList();
        String last = traces.stream().filter(t -> !"eval_grader".equals(t.attemptKind())).map(CanonicalTrace::requestId)
                .reduce((a, b) -> b).orElse(null);
        WorkUnitChain.Final fin = new WorkUnitChain.Final(last, latest(outcomes, "eval", last),
                latest(outcomes, "slo", last), outcomes.stream().anyMatch(o -> "escalation".equals(o.kind)),
                latest(outcomes, "acceptance", null));
        return Optional.of(new WorkUnitChain(workUnitId, traces.get(0).workload(), calls, views, fin));
    }

    private static Boolean latest(List<OutcomeEntity> outcomes, String kind, String requestId) {
        return outcomes.stream().filter(o -> kind.equals(o.kind) && o.passed != null)
                .filter(o -> requestId == null || requestId.equals(o.requestId))
                .max(Comparator.comparing(o -> o.observedAt == null ? o.receivedAt : o.observedAt))
                .map(o -> o.passed).orElse(null);
    }
}
