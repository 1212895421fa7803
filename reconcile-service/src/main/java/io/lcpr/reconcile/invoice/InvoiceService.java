package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.events.EventJson;
import io.lcpr.reconcile.period.Period;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Imports provider bills: the file kept as it came, its lines stored, the lines of the bill it replaces marked
 * superseded. The same file twice is the same import (its SHA-256), and nothing changes; a refused file changes
 * nothing either (one transaction).
 */
@ApplicationScoped
public class InvoiceService {
    private static final Logger LOG = Logger.getLogger(InvoiceService.class);
    private static final int CHUNK = 5_000;
    private static final int PROGRESS_EVERY = 100_000;

    /** An invoice total typed in; billing_account defaults to every account of the provider. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InvoiceRequest(String provider, String billingAccount, String period, BigDecimal total,
            String currency, String source) {
    }

    /** What an import did: new or the same as before, its lines by category, what it superseded. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImportResult(UUID importId, boolean created, String format, String sha256, long bytes,
            int lines, int supersededLines, List<CategoryTotal> totals, Instant importedAt) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CategoryTotal(String category, String currency, BigDecimal billedCost, BigDecimal quantity,
            long lines) {
    }

    private final InvoiceRepository repository;

    public InvoiceService(InvoiceRepository repository) {
        this.repository = repository;
    }

    /**
     * Imports a file already on local disk (the REST adapter spools the body there to hash it before parsing).
     *
     * @throws InvoiceFileException naming line and column when any line is bad: nothing is stored
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "reconcile.invoices.import-timeout.s")
    public ImportResult importFile(InvoiceFormat format, InvoiceImportContext ctx, String fileName, Path file) {
        String sha = sha256(file);
        var existing = repository.bySha(sha);
        if (existing.isPresent()) {
            return result(existing.get(), false, 0);
        }
        long bytes = size(file);
        InvoiceRepository.StoredImport stored = new InvoiceRepository.StoredImport(UUID.randomUUID(), format.label(),
                ctx.provider(), ctx.billingAccount(), sha, fileName, bytes, 0, Instant.now());
        try (InputStream original = Files.newInputStream(file); InputStream in = Files.newInputStream(file)) {
            repository.insertImport(stored, original);
            List<InvoiceLine> chunk = new ArrayList<>(CHUNK);
            DailySums sums = new DailySums();
            int[] count = { 0 };
            try (InvoiceRepository.LineCopy copy = repository.openLineCopy(stored.id())) {
                format.parse(in, ctx, line -> {
                    chunk.add(line);
                    sums.add(line);
                    if (++count[0] % PROGRESS_EVERY == 0) {
                        LOG.infof("invoice import %s (%s): %d lines read", stored.id(), format.label(), count[0]);
                    }
                    if (chunk.size() == CHUNK) {
                        copy.write(chunk);
                        chunk.clear();
                    }
                });
                copy.write(chunk);
                copy.finish();
            }
            repository.setLineCount(stored.id(), count[0]);
            repository.insertDaily(stored.id(), sums);
            int superseded = repository.supersede(stored.id());
            LOG.infof("invoice import %s (%s, %s): %d lines, %d earlier lines superseded", stored.id(),
                    format.label(), fileName, count[0], superseded);
            return result(repository.byId(stored.id()).orElseThrow(), true, superseded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A total typed in: an import of one usage line; a different total for the same bill supersedes the last. */
    @Transactional
    public ImportResult recordTotal(InvoiceRequest r) {
        if (r.provider() == null || r.provider().isBlank()) {
            throw new IllegalArgumentException("provider is required");
        }
        if (r.total() == null) {
            throw new IllegalArgumentException("total is required");
        }
        Period period = Period.parse(r.period());
        String account = r.billingAccount() == null || r.billingAccount().isBlank() ? InvoiceImportContext.ALL_ACCOUNTS
                : r.billingAccount();
        String currency = r.currency() == null ? "USD" : r.currency().toUpperCase(Locale.ROOT);
        String provider = r.provider().toLowerCase(Locale.ROOT);
        byte[] original = EventJson.write(new InvoiceRequest(provider, account, period.label(), r.total(), currency,
                r.source())).getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(digest().digest(original));
        var existing = repository.bySha(sha);
        if (existing.isPresent()) {
            return result(existing.get(), false, 0);
        }
        InvoiceRepository.StoredImport stored = new InvoiceRepository.StoredImport(UUID.randomUUID(), "total",
                provider, account, sha, r.source(), original.length, 1, Instant.now());
        repository.insertImport(stored, new java.io.ByteArrayInputStream(original));
        InvoiceLine line = new InvoiceLine(1, provider, account, null, period.label(), period.start(), period.end(),
                ChargeCategory.USAGE, false, null, "standard", null, null, null, r.total(), null, currency, null, null,
                "typed-in total");
        repository.copyLines(stored.id(), List.of(line));
        DailySums sums = new DailySums();
        sums.add(line);
        repository.insertDaily(stored.id(), sums);
        return result(stored, true, repository.supersede(stored.id()));
    }

    @Transactional
    public java.util.Optional<ImportResult> find(UUID id) {
        return repository.byId(id).map(i -> result(i, false, 0));
    }

    @Transactional
    public java.util.Optional<byte[]> original(UUID id) {
        return repository.original(id);
    }

    private ImportResult result(InvoiceRepository.StoredImport i, boolean created, int superseded) {
        List<CategoryTotal> totals = repository.totalsOf(i.id()).stream().map(s -> new CategoryTotal(
                s.category().label(), s.currency(), s.billedCost(), s.quantity(), s.lines())).toList();
        return new ImportResult(i.id(), created, i.format(), i.sha256(), i.bytes(), i.lineCount(), superseded, totals,
                i.importedAt());
    }

    private static String sha256(Path file) {
        MessageDigest sha = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
