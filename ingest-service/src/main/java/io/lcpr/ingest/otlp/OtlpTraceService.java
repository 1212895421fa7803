package io.lcpr.ingest.otlp;

import java.util.ArrayList;
import java.util.List;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import io.lcpr.ingest.trace.TraceService;
import io.lcpr.ingest.trace.read.TraceValidator;

/** Maps decoded spans, validates them like any trace, stores the valid ones; answers in OTLP's partial-success terms. */
@ApplicationScoped
public class OtlpTraceService {

    /** Spans stored, ignored (not inference) and rejected, with the first reasons. */
    public record Result(int accepted, int ignored, int rejected, List<String> reasons) {
    }

    private final TraceService traces;
    private final GenAiSpanMapper mapper;
    private final TraceValidator validator;

    public OtlpTraceService(TraceService traces, IngestConfig config) {
        this.traces = traces;
        IngestConfig.Otlp otlp = config.otlp();
        this.mapper = new GenAiSpanMapper(new GenAiSpanMapper.AttributeNames(otlp.workloadAttribute(),
                otlp.teamAttribute(), otlp.workUnitAttribute(), otlp.attemptKindAttribute(),
                otlp.parentRequestAttribute(), otlp.accountAttribute(), otlp.promptVersionAttribute()));
        this.validator = TraceValidator.from(config);
    }

    public Result ingest(List<GenAiSpanMapper.Span> spans) {
        List<CanonicalTrace> valid = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int ignored = 0;
        int rejected = 0;
        for (GenAiSpanMapper.Span span : spans) {
            var mapped = mapper.map(span);
            if (mapped.isEmpty()) {
                ignored++;
                continue;
            }
            try {
                valid.add(validator.validate(0, mapped.get()));
            } catch (InvalidRecordException e) {
                rejected++;
                if (reasons.size() < 10) {
                    reasons.add("span " + span.spanId() + ": " + e.error().field() + " " + e.error().reason());
                }
            }
        }
        traces.store(valid);
        return new Result(valid.size(), ignored, rejected, reasons);
    }
}
