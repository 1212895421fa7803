package io.lcpr.reconcile.usage;

import java.time.Instant;

import io.lcpr.reconcile.lcpr.Call;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** reconcile-service's copy of a trace: the fields costing and acceptance need, raw token counts only. */
@Entity
@Table(name = "usage_call")
public class UsageCallEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dedupe_key", nullable = false, unique = true, length = 512)
    public String dedupeKey;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "work_unit_id")
    public String workUnitId;
    @Column(name = "attempt_kind", nullable = false, length = 32)
    public String attemptKind;
    public String workload;
    public String team;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(name = "project_id")
    public String projectId;
    @Column(nullable = false)
    public String model;
    @Column(name = "service_tier", nullable = false, length = 32)
    public String serviceTier;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;
    @Column(name = "cache_read_tokens", nullable = false)
    public long cacheReadTokens;
    @Column(name = "cache_creation_tokens", nullable = false)
    public long cacheCreationTokens;
    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;
    @Column(name = "reasoning_tokens", nullable = false)
    public long reasoningTokens;
    @Column(name = "ttft_ms")
    public Long ttftMs;
    @Column(name = "e2e_ms")
    public Long e2eMs;

    public Call toCall() {
        return new Call(requestId, workUnitId, attemptKind, workload, team, provider, projectId, model, serviceTier,
                startedAt, inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens, reasoningTokens, ttftMs, e2eMs);
    }
}
