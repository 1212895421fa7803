package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.reconcile.period.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

@ApplicationScoped
public class InvoiceService {

    /** An invoice total; billing_account defaults to every account of the provider. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InvoiceRequest(String provider, String billingAccount, String period, BigDecimal total,
            String currency, String source) {
    }

    /** Records the invoice; a re-import of the same provider, account and period replaces the total. */
    @Transactional
    public InvoiceEntity record(InvoiceRequest r) {
        if (r.provider() == null || r.provider().isBlank()) {
            throw new BadRequestException("provider is required");
        }
        if (r.total() == null) {
            throw new BadRequestException("total is required");
        }
        try {
            Period.parse(r.period());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        String provider = r.provider().toLowerCase(Locale.ROOT);
        String account = r.billingAccount() == null || r.billingAccount().isBlank() ? InvoiceEntity.ALL_ACCOUNTS
                : r.billingAccount();
        InvoiceEntity e = InvoiceEntity.<InvoiceEntity> find("provider = ?1 and billingAccount = ?2 and period = ?3",
                provider, account, r.period()).firstResultOptional().orElseGet(() -> {
                    InvoiceEntity created = new InvoiceEntity();
                    created.id = UUID.randomUUID();
                    return created;
                });
        e.provider = provider;
        e.billingAccount = account;
        e.period = r.period();
        e.total = r.total();
        e.currency = r.currency() == null ? "USD" : r.currency().toUpperCase(Locale.ROOT);
        e.source = r.source();
        e.importedAt = Instant.now();
        e.persist();
        return e;
    }
}
