package io.lcpr.reconcile.invoice.pull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.lcpr.reconcile.invoice.InvoiceFormat;

/**
 * The admin APIs a provider account is pulled from (FORMATS.md section 4): each report's path, how it is asked for a
 * period (unix seconds or RFC 3339), how it authenticates, and the import format of its pages.
 */
public enum ProviderApi {
    OPENAI(List.of(
            new Report("/v1/organization/costs", "start_time", "end_time", true,
                    "&bucket_width=1d&limit=31&group_by[]=line_item&group_by[]=project_id", InvoiceFormat.OPENAI_COSTS),
            new Report("/v1/organization/usage/completions", "start_time", "end_time", true,
                    "&bucket_width=1d&limit=31&group_by[]=model&group_by[]=project_id&group_by[]=batch",
                    InvoiceFormat.OPENAI_USAGE))),
    ANTHROPIC(List.of(
            new Report("/v1/organizations/cost_report", "starting_at", "ending_at", false,
                    "&bucket_width=1d&limit=31&group_by[]=workspace_id&group_by[]=description",
                    InvoiceFormat.ANTHROPIC_COST_REPORT),
            new Report("/v1/organizations/usage_report/messages", "starting_at", "ending_at", false,
                    "&bucket_width=1d&limit=31&group_by[]=model&group_by[]=workspace_id&group_by[]=service_tier",
                    InvoiceFormat.ANTHROPIC_USAGE)));

    /** One report: its path, the names of its period parameters and their shape, fixed query, import format. */
    public record Report(String path, String fromParam, String toParam, boolean unixSeconds, String query,
            InvoiceFormat format) {

        /** The first page's URL for [from, to); the next pages add {@code page=<cursor>}. */
        public String url(String baseUrl, Instant from, Instant to) {
            String f = unixSeconds ? Long.toString(from.getEpochSecond()) : from.toString();
            String t = unixSeconds ? Long.toString(to.getEpochSecond()) : to.toString();
            return baseUrl.replaceAll("/+$", "") + path + "?" + fromParam + "=" + encode(f) + "&" + toParam + "="
                    + encode(t) + query.replace("[]", "%5B%5D");
        }
    }

    private final List<Report> reports;

    ProviderApi(List<Report> reports) {
        this.reports = reports;
    }

    public List<Report> reports() {
        return reports;
    }

    /** The headers that carry the admin key. */
    public String[] authHeaders(String key) {
        return this == OPENAI ? new String[] { "Authorization", "Bearer " + key }
                : new String[] { "x-api-key", key, "anthropic-version", "2023-06-01" };
    }

    public static ProviderApi of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("api: '" + name + "' is not one of openai, anthropic");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
