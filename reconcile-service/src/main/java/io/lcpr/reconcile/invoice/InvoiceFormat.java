package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVException;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The files an invoice import reads, by the name a caller gives ({@code ?format=focus}). */
public enum InvoiceFormat {
    FOCUS("focus", (in, ctx, sink) -> FocusCsv.parse(reader(in), ctx, sink)),
    OPENAI_COSTS("openai-costs", OpenAiExports::parseCosts),
    OPENAI_USAGE("openai-usage", OpenAiExports::parseCompletionsUsage),
    ANTHROPIC_COST_REPORT("anthropic-cost-report", AnthropicExports::parseCostReport),
    ANTHROPIC_USAGE("anthropic-usage", AnthropicExports::parseMessagesUsage),
    CSV("csv", (in, ctx, sink) -> InvoiceCsv.parse(reader(in), ctx, sink));

    /** Reads a file, handing each line to the sink as it is read. */
    @FunctionalInterface
    interface Parser {
        void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException;
    }

    private final String label;
    private final Parser parser;

    InvoiceFormat(String label, Parser parser) {
        this.label = label;
        this.parser = parser;
    }

    public String label() {
        return label;
    }

    /** Reads a file, handing each line to the sink as it is read (a million-line export never sits in memory). */
    /**
     * Hands each line, checked against its columns, to the sink; a file that is not of this format (malformed JSON
     * or CSV, JSON nested or numbers longer than the parser allows) is refused naming what the parser found.
     */
    public void parse(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
        try {
            parser.parse(in, ctx, line -> sink.accept(InvoiceLineLimits.checked(line)));
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (JsonProcessingException | CSVException e) {
            throw unreadable(e);
        }
    }

    private InvoiceFileException unreadable(IOException e) {
        if (e instanceof JsonProcessingException json) {
            return new InvoiceFileException("the file", null, "is not " + label + " JSON: " + json.getOriginalMessage());
        }
        if (e instanceof CSVException) {
            return new InvoiceFileException("the file", null, "is not " + label + " CSV (RFC 4180): "
                    + e.getMessage());
        }
        throw new UncheckedIOException(e);
    }

    private static InputStreamReader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

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
