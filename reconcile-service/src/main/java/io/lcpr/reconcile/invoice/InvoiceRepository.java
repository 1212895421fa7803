package io.lcpr.reconcile.invoice;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Invoice imports, their original files and their lines. Lines go in by COPY, a chunk at a time. */
@ApplicationScoped
public class InvoiceRepository {
    private static final String COPY_LINES = "copy invoice_line (import_id, line_no, provider, billing_account,"
            + " invoice_id, period, charge_start, charge_end, category, correction, model, service_tier, token_type,"
            + " quantity, unit, billed_cost, list_cost, currency, project, service_name, description, request_id)"
            + " from stdin (format csv)";

    /** An import as stored. */
    public record StoredImport(UUID id, String format, String provider, String billingAccount, String sha256,
            String fileName, long bytes, int lineCount, Instant importedAt) {
    }

    /** Current (not superseded) lines of a period summed by what reconciliation tells apart. */
    public record LineSum(String provider, String billingAccount, ChargeCategory category, String model,
            String serviceTier, String tokenType, Instant day, String currency, BigDecimal billedCost,
            BigDecimal quantity, String unit, long lines) {
    }

    /** A current usage line that bills one request, as a request-level match reads it. */
    public record RequestLine(String requestId, String model, String serviceTier, Instant day, BigDecimal billedCost,
            String currency) {
    }

    private final EntityManager em;

    public InvoiceRepository(EntityManager em) {
        this.em = em;
    }

    /** The period's current usage lines of an account that name a request, streamed. */
    public void streamRequestLines(String period, String provider, String billingAccount,
            java.util.function.Consumer<RequestLine> sink) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select request_id, model, service_tier, charge_start, billed_cost, currency from invoice_line
                    where period = ? and provider = ? and billing_account = ? and request_id is not null
                      and superseded_by is null and category = 'usage'
                    """)) {
                ps.setFetchSize(10_000);
                ps.setString(1, period);
                ps.setString(2, provider);
                ps.setString(3, billingAccount);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new RequestLine(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant().truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                                rs.getBigDecimal(5), rs.getString(6)));
                    }
                }
            }
        });
    }

    /** Whether the period's current bill of an account has lines that name a request. */
    public boolean hasRequestLines(String period, String provider, String billingAccount) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select exists (select 1 from invoice_line where period = ? and provider = ? and billing_account = ?
                        and request_id is not null and superseded_by is null)
                    """)) {
                ps.setString(1, period);
                ps.setString(2, provider);
                ps.setString(3, billingAccount);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    public Optional<StoredImport> bySha(String sha256) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, format, provider, billing_account, sha256,"
                    + " file_name, bytes, line_count, imported_at from invoice_import where sha256 = ?")) {
                ps.setString(1, sha256);
                return one(ps);
            }
        });
    }

    public Optional<StoredImport> byId(UUID id) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, format, provider, billing_account, sha256,"
                    + " file_name, bytes, line_count, imported_at from invoice_import where id = ?")) {
                ps.setObject(1, id);
                return one(ps);
            }
        });
    }

    /** Records an import and its original file, streamed (a million-line export is never held in memory). */
    public void insertImport(StoredImport i, InputStream original) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into invoice_import (id, format, provider,"
                    + " billing_account, sha256, file_name, bytes, line_count, imported_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, i.id());
                ps.setString(2, i.format());
                ps.setString(3, i.provider());
                ps.setString(4, i.billingAccount());
                ps.setString(5, i.sha256());
                ps.setString(6, i.fileName());
                ps.setLong(7, i.bytes());
                ps.setInt(8, i.lineCount());
                ps.setTimestamp(9, Timestamp.from(i.importedAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into invoice_file (import_id, content) values (?, ?)")) {
                ps.setObject(1, i.id());
                ps.setBinaryStream(2, original, i.bytes());
                ps.executeUpdate();
            }
        });
    }

    public void setLineCount(UUID importId, int lines) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update invoice_import set line_count = ? where id = ?")) {
                ps.setInt(1, lines);
                ps.setObject(2, importId);
                ps.executeUpdate();
            }
        });
    }

    /**
     * One COPY of an import's lines, open while the file is read: PostgreSQL stores a chunk while the service parses
     * the next. The transaction's connection serves nothing else until {@link LineCopy#finish()}.
     */
    public final class LineCopy implements AutoCloseable {
        private final UUID importId;
        private final CopyIn copy;

        private LineCopy(UUID importId, CopyIn copy) {
            this.importId = importId;
            this.copy = copy;
        }

        public void write(List<InvoiceLine> lines) {
            byte[] bytes = csv(importId, lines);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("storing the lines of import " + importId + " failed", e);
            }
        }

        public void finish() {
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("storing the lines of import " + importId + " failed", e);
            }
        }

        @Override
        public void close() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the transaction rolls back anyway; the cause is already on its way up
                }
            }
        }
    }

    public LineCopy openLineCopy(UUID importId) {
        return session().doReturningWork(c -> new LineCopy(importId,
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_LINES)));
    }

    public void copyLines(UUID importId, List<InvoiceLine> lines) {
        try (LineCopy copy = openLineCopy(importId)) {
            copy.write(lines);
            copy.finish();
        }
    }

    private static byte[] csv(UUID importId, List<InvoiceLine> lines) {
        StringBuilder csv = new StringBuilder(lines.size() * 200);
        for (InvoiceLine l : lines) {
            csv.append(importId).append(',').append(l.lineNo());
            for (Object v : new Object[] { l.provider(), l.billingAccount(), l.invoiceId(), l.period(), l.chargeStart(),
                    l.chargeEnd(), l.category().label(), l.correction(), l.model(), l.serviceTier(), l.tokenType(),
                    plain(l.quantity()), l.unit(), plain(l.billedCost()), plain(l.listCost()), l.currency(),
                    l.project(), l.service(), l.description(), l.requestId() }) {
                csv.append(',');
                if (v != null) {
                    csv.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Marks the earlier lines this import replaces: same provider, account and period, same kind (charges or
     * reported usage), not corrections (a correction adds to the bill it corrects).
     */
    public int supersede(UUID importId) {
        return session().doReturningWork(c -> {
            int lines = 0;
            for (String table : new String[] { "invoice_line", "invoice_line_daily" }) {
                try (PreparedStatement ps = c.prepareStatement("update " + table + """
                         old set superseded_by = ?
                        where old.superseded_by is null and old.import_id <> ? and not old.correction
                          and (old.provider, old.billing_account, old.period, old.category = 'reported_usage') in (
                              select distinct provider, billing_account, period, category = 'reported_usage'
                              from invoice_line_daily where import_id = ? and not correction)
                        """)) {
                    ps.setObject(1, importId);
                    ps.setObject(2, importId);
                    ps.setObject(3, importId);
                    int n = ps.executeUpdate();
                    lines = table.equals("invoice_line") ? n : lines;
                }
            }
            return lines;
        });
    }

    /** An import's lines summed by day (what runs read), as the import summed them while reading. */
    void insertDaily(UUID importId, DailySums sums) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into invoice_line_daily (import_id, provider,"
                    + " billing_account, period, category, correction, model, service_tier, token_type, day, currency,"
                    + " unit, billed_cost, quantity, lines) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var e : sums.entries()) {
                    DailySums.Key k = e.getKey();
                    ps.setObject(1, importId);
                    ps.setString(2, k.provider());
                    ps.setString(3, k.billingAccount());
                    ps.setString(4, k.period());
                    ps.setString(5, k.category().label());
                    ps.setBoolean(6, k.correction());
                    ps.setString(7, k.model());
                    ps.setString(8, k.serviceTier());
                    ps.setString(9, k.tokenType());
                    ps.setObject(10, k.day());
                    ps.setString(11, k.currency());
                    ps.setString(12, k.unit());
                    ps.setBigDecimal(13, e.getValue().billedCost);
                    ps.setBigDecimal(14, e.getValue().quantity);
                    ps.setLong(15, e.getValue().lines);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** An import's lines summed by category and currency (its answer to the caller). */
    public List<LineSum> totalsOf(UUID importId) {
        return sums("""
                select null, null, category, null, null, null, null, currency, null, sum(billed_cost), sum(quantity),
                       sum(lines)
                from invoice_line_daily where import_id = ? group by category, currency order by 3, 8
                """, importId);
    }

    /** The period's current lines, summed per account, category, model, tier, token type, unit and UTC day. */
    public List<LineSum> currentLines(String period) {
        return sums("""
                select provider, billing_account, category, model, service_tier, token_type, day::timestamp, currency,
                       unit, sum(billed_cost), sum(quantity), sum(lines)
                from invoice_line_daily where period = ? and superseded_by is null
                group by 1, 2, 3, 4, 5, 6, 7, 8, 9 order by 1, 2, 3, 4, 5, 6, 7
                """, period);
    }

    private List<LineSum> sums(String sql, Object param) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, param);
                List<LineSum> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp day = rs.getTimestamp(7);
                        out.add(new LineSum(rs.getString(1), rs.getString(2), ChargeCategory.parse(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getString(6),
                                day == null ? null : day.toLocalDateTime().toInstant(ZoneOffset.UTC),
                                rs.getString(8), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getString(9),
                                rs.getLong(12)));
                    }
                }
                return out;
            }
        });
    }

    /** What an account was billed per period: its current usage, credit and adjustment lines (not tax, purchases). */
    public List<PeriodTotal> billedByPeriod(String provider, String billingAccount) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select period, sum(billed_cost) from invoice_line_daily
                    where provider = ? and billing_account = ? and superseded_by is null
                      and category in ('usage', 'credit', 'adjustment')
                    group by period order by period
                    """)) {
                ps.setString(1, provider);
                ps.setString(2, billingAccount);
                List<PeriodTotal> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PeriodTotal(rs.getString(1), rs.getBigDecimal(2)));
                    }
                }
                return out;
            }
        });
    }

    public record PeriodTotal(String period, BigDecimal billed) {
    }

    /** The original file of an import, as it came. */
    public Optional<byte[]> original(UUID importId) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select content from invoice_file where import_id = ?")) {
                ps.setObject(1, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]> empty();
                }
            }
        });
    }

    private static Optional<StoredImport> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredImport(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8),
                    rs.getTimestamp(9).toInstant()));
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
