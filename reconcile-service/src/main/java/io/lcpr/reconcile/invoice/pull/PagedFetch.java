package io.lcpr.reconcile.invoice.pull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;

/**
 * Reads every page of one report ({@code has_more} / {@code next_page} → {@code page=}) into a JSON array of pages,
 * retrying what is transient: a connection failure, 429 and 5xx, after the server's Retry-After (capped) or a doubling
 * backoff. Anything else (401, 403, 404, 400) fails at once with the provider's answer.
 */
final class PagedFetch {
    private static final Logger LOG = Logger.getLogger(PagedFetch.class);
    private static final int MAX_PAGES = 10_000;

    private final HttpClient http;
    private final int maxAttempts;
    private final long backoffMs;

    PagedFetch(HttpClient http, int maxAttempts, long backoffMs) {
        this.http = http;
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
    }

    /** Writes {@code [page1, page2, ...]} to {@code out}; returns the number of pages. */
    int fetch(String firstUrl, String[] headers, OutputStream out) throws IOException, InterruptedException {
        out.write('[');
        String url = firstUrl;
        int pages = 0;
        while (url != null) {
            if (++pages > MAX_PAGES) {
                throw new IOException("more than " + MAX_PAGES + " pages from " + firstUrl);
            }
            byte[] body = get(url, headers);
            JsonNode page = EventJson.MAPPER.readTree(body);
            if (pages > 1) {
                out.write(',');
            }
            out.write(body);
            String cursor = page.path("has_more").asBoolean(false) && page.hasNonNull("next_page")
                    ? page.get("next_page").asText() : null;
            url = cursor == null ? null : firstUrl + "&page=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        }
        out.write(']');
        return pages;
    }

    private byte[] get(String url, String[] headers) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).headers(headers).timeout(Duration.ofSeconds(60))
                .GET().build();
        for (int attempt = 1;; attempt++) {
            long wait = backoffMs << Math.min(attempt - 1, 6);
            try {
                HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = reply.statusCode();
                if (status == 200) {
                    return reply.body();
                }
                if (status != 429 && status < 500) {
                    throw new IOException("GET " + url + " answered " + status + ": "
                            + new String(reply.body(), StandardCharsets.UTF_8));
                }
                if (attempt >= maxAttempts) {
                    throw new IOException("GET " + url + " answered " + status + " " + attempt + " times");
                }
                wait = reply.headers().firstValueAsLong("retry-after").stream().map(s -> Math.min(s, 60) * 1000)
                        .findFirst().orElse(wait);
                LOG.warnf("GET %s answered %d; attempt %d of %d again in %d ms", url, status, attempt + 1,
                        maxAttempts, wait);
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                LOG.warnf("GET %s failed (%s); attempt %d of %d again in %d ms", url, e, attempt + 1, maxAttempts,
                        wait);
            }
            Thread.sleep(wait);
        }
    }
}
