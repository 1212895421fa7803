package io.lcpr.chargeback.incident;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The incident reserve's balance as the closed months left it: a month opens with the last closed month's close. */
@ApplicationScoped
public class ReserveLedger {
    private final EntityManager em;

    public ReserveLedger(EntityManager em) {
        this.em = em;
    }

    /** The balance a month opens with: the closing balance of the latest version of the last month closed before it. */
    public BigDecimal openingFor(String period) {
        @SuppressWarnings("unchecked")
        List<BigDecimal> rows = em.createNativeQuery("""
                select reserve_closing from period_close where period < ?1 order by period desc, version desc limit 1
                """).setParameter(1, period).getResultList();
        return rows.isEmpty() ? BigDecimal.ZERO.setScale(2) : rows.get(0).setScale(2);
    }
}
