package io.lcpr.pricing.alias;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.Topics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.lcpr.pricing.snapshot.EntryValidator;
import jakarta.ws.rs.BadRequestException;

@ApplicationScoped
public class AliasService {
    private final Outbox outbox;

    public AliasService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Defines or redefines an alias; provider {@code *} applies to every provider. */
    @Transactional
    public ModelAlias define(String provider, String alias, String model) {
        if (provider == null || alias == null || model == null || alias.isBlank() || model.isBlank()) {
            throw new BadRequestException("provider, alias and model are required");
        }
        List<String> problems = new java.util.ArrayList<>();
        EntryValidator.text(problems, "provider", provider, 64);
        EntryValidator.text(problems, "alias", alias, 255);
        EntryValidator.text(problems, "model", model, 255);
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join("; ", problems));
        }
        if (alias.equals(model)) {
            throw new BadRequestException("alias: '" + alias + "' cannot be an alias of itself");
        }
        ModelAlias.Key key = new ModelAlias.Key(provider.toLowerCase(Locale.ROOT), alias);
        ModelAlias a = ModelAlias.<ModelAlias> findByIdOptional(key).orElseGet(ModelAlias::new);
        a.key = key;
        a.model = model;
        a.createdAt = Instant.now();
        a.persist();
        ModelAliasV1 event = new ModelAliasV1(UUID.randomUUID(), a.createdAt, ModelAliasV1.SCHEMA_VERSION,
                "pricing-service", key.provider, key.alias, model);
        outbox.add(Topics.PRICING_ALIASES, event.key(), event);
        return a;
    }

    public List<ModelAlias> all() {
        return ModelAlias.listAll();
    }
}
