package io.lcpr.pricing.alias;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

@ApplicationScoped
public class AliasService {

    /** Defines or redefines an alias; provider {@code *} applies to every provider. */
    @Transactional
    public ModelAlias define(String provider, String alias, String model) {
        if (provider == null || alias == null || model == null || alias.isBlank() || model.isBlank()) {
            throw new BadRequestException("provider, alias and model are required");
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
        return a;
    }

    public List<ModelAlias> all() {
        return ModelAlias.listAll();
    }
}
