package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The files an invoice import reads, by the name a caller gives ({@code ?format=focus}). */
public enum InvoiceFormat {
    FOCUS("focus") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            FocusCsv.parse(new InputStreamReader(in, StandardCharsets.UTF_8), ctx, sink);
        }
    },
    OPENAI_COSTS("openai-costs") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            OpenAiExports.parseCosts(in, ctx, sink);
        }
    },
    OPENAI_USAGE("openai-usage") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            OpenAiExports.parseCompletionsUsage(in, ctx, sink);
        }
    },
    ANTHROPIC_COST_REPORT("anthropic-cost-report") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            AnthropicExports.parseCostReport(in, ctx, sink);
        }
    },
    ANTHROPIC_USAGE("anthropic-usage") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            AnthropicExports.parseMessagesUsage(in, ctx, sink);
        }
    },
    CSV("csv") {
        @Override
        public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
            InvoiceCsv.parse(new InputStreamReader(in, StandardCharsets.UTF_8), ctx, sink);
        }
    };

    private final String label;

    InvoiceFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Reads a file, handing each line to the sink as it is read (a million-line export never sits in memory). */
    public abstract void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException;

    /** Whether the format's lines are reported usage (counts) rather than charges: the two never supersede each other. */
    public boolean reportsUsage() {
        return this == OPENAI_USAGE || this == ANTHROPIC_USAGE;
    }

    public static InvoiceFormat of(String label) {
        String l = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(l)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format '" + label + "' is not one of "
                        + Arrays.stream(values()).map(InvoiceFormat::label).collect(Collectors.joining(", "))));
    }
}
