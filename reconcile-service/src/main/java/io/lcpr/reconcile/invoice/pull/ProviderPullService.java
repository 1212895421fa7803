package io.lcpr.reconcile.invoice.pull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.reconcile.ReconcileConfig;
import io.lcpr.reconcile.invoice.InvoiceImportContext;
import io.lcpr.reconcile.invoice.InvoiceService;
import io.lcpr.reconcile.period.Period;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Pulls each registered account's cost and usage reports from the provider's admin API for a period to date, every
 * {@code reconcile.pull.every.s}, and imports them: a pull of the period to date supersedes the last one, so the
 * newest pull is the bill. The current month is pulled, and the previous one too during the first
 * {@code reconcile.pull.previous-month-days} days (late usage and corrections land then).
 */
@ApplicationScoped
public class ProviderPullService {
    private static final Logger LOG = Logger.getLogger(ProviderPullService.class);

    /** An account to pull (the secret is referenced, never sent or stored). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountRequest(String provider, String api, String baseUrl, String billingAccount,
            String credentialRef) {
    }

    /** What a pull did, report by report. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PullResult(String account, String period, List<ReportResult> reports) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReportResult(String path, int pages, InvoiceService.ImportResult imported) {
    }

    private final InvoiceService invoices;
    private final ReconcileConfig config;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).build();

    public ProviderPullService(InvoiceService invoices, ReconcileConfig config) {
        this.invoices = invoices;
        this.config = config;
    }

    @Transactional
    public PullAccountEntity define(String name, AccountRequest r) {
        ProviderApi.of(r.api() == null ? "" : r.api());
        require("provider", r.provider());
        require("base_url", r.baseUrl());
        require("credential_ref", r.credentialRef());
        if (!r.credentialRef().startsWith("env:") && !r.credentialRef().startsWith("config:")) {
            throw new IllegalArgumentException("credential_ref: env:NAME or config:key, not the secret itself");
        }
        PullAccountEntity a = PullAccountEntity.<PullAccountEntity> findByIdOptional(name)
                .orElseGet(PullAccountEntity::new);
        a.name = name;
        a.provider = r.provider().toLowerCase(Locale.ROOT);
        a.api = r.api().toLowerCase(Locale.ROOT);
        a.baseUrl = r.baseUrl();
        a.billingAccount = r.billingAccount() == null || r.billingAccount().isBlank()
                ? InvoiceImportContext.ALL_ACCOUNTS : r.billingAccount();
        a.credentialRef = r.credentialRef();
        a.persist();
        return a;
    }

    @Transactional
    public List<PullAccountEntity> accounts() {
        return PullAccountEntity.listAll();
    }

    @Scheduled(every = "${reconcile.pull.every.s:3600}s", delayed = "${reconcile.pull.every.s:3600}s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Period> periods = new ArrayList<>(List.of(Period.parse(today.toString().substring(0, 7))));
        if (today.getDayOfMonth() <= config.pullPreviousMonthDays()) {
            periods.add(Period.parse(today.minusMonths(1).toString().substring(0, 7)));
        }
        for (PullAccountEntity a : QuarkusTransaction.requiringNew().call(this::accounts)) {
            for (Period p : periods) {
                try {
                    pull(a.name, p);
                } catch (RuntimeException e) {
                    LOG.errorf("pull of %s for %s failed: %s", a.name, p.label(), e.getMessage());
                }
            }
        }
    }

    /** Pulls one account's reports for a period (to now, when it has not ended) and imports them. */
    public PullResult pull(String name, Period period) {
        PullAccountEntity a = QuarkusTransaction.requiringNew().call(() -> PullAccountEntity
                .<PullAccountEntity> findByIdOptional(name).orElseThrow(
                        () -> new IllegalArgumentException("no pull account " + name)));
        ProviderApi api = ProviderApi.of(a.api);
        Instant to = period.end().isAfter(Instant.now()) ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                : period.end();
        PagedFetch fetch = new PagedFetch(http, config.pullMaxAttempts(), config.pullBackoffMs());
        List<ReportResult> results = new ArrayList<>();
        try {
            String[] headers = api.authHeaders(secret(a.credentialRef));
            for (ProviderApi.Report report : api.reports()) {
                Path pages = Files.createTempFile("provider-pull-", ".json");
                try {
                    int count;
                    try (OutputStream out = Files.newOutputStream(pages)) {
                        count = fetch.fetch(report.url(a.baseUrl, period.start(), to), headers, out);
                    }
                    InvoiceService.ImportResult imported = invoices.importFile(report.format(),
                            new InvoiceImportContext(a.provider, a.billingAccount),
                            a.name + " " + report.path() + " " + period.label() + " to " + to, pages);
                    results.add(new ReportResult(report.path(), count, imported));
                } finally {
                    Files.deleteIfExists(pages);
                }
            }
            record(name, "ok", null);
            LOG.infof("pulled %s for %s: %s", name, period.label(), results.stream()
                    .map(r -> r.path() + " " + r.pages() + " pages, " + r.imported().lines() + " lines").toList());
            return new PullResult(name, period.label(), results);
        } catch (IOException e) {
            record(name, "failed", e.getMessage());
            throw new IllegalStateException("pull of " + name + " for " + period.label() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pull of " + name + " interrupted", e);
        }
    }

    private void record(String name, String status, String error) {
        QuarkusTransaction.requiringNew().run(() -> PullAccountEntity.<PullAccountEntity> findByIdOptional(name)
                .ifPresent(a -> {
                    a.lastPullAt = Instant.now();
                    a.lastStatus = status;
                    a.lastError = error;
                }));
    }

    /** The admin key an account's reference points at: an environment variable or a configuration key. */
    static String secret(String ref) throws IOException {
        Optional<String> value = ref.startsWith("env:") ? Optional.ofNullable(System.getenv(ref.substring(4)))
                : ConfigProvider.getConfig().getOptionalValue(ref.substring("config:".length()), String.class);
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IOException(
                "no credential at " + ref + " (set it in the environment, e.g. from a Kubernetes Secret)"));
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
