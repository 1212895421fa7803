package io.lcpr.ingest.trace;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored trace, for reads (writes go through TraceRepository's batch insert). */
@Entity
@Table(name = "trace")
public class TraceEntity extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "dedupe_key", nullable = false, length = 512)
    public String dedupeKey;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "trace_id", length = 64)
    public String traceId;
    @Column(name = "span_id", length = 32)
    public String spanId;
    @Column(name = "work_unit_id")
    public String workUnitId;
    @Column(name = "parent_request_id")
    public String parentRequestId;
    @Column(name = "attempt_kind", nullable = false, length = 32)
    public String attemptKind;
    public String workload;
    public String team;
    @Column(nullable = false, length = 64)
    public String provider;
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
    @Column(name = "ttft_ms")
    public Long ttftMs;
    @Column(name = "e2e_ms")
    public Long e2eMs;
    @Column(length = 64)
    public String status;
    @Column(name = "error_type")
    public String errorType;
    @Column(name = "finish_reason", length = 64)
    public String finishReason;
}
