package io.lcpr.ingest.batch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.lcpr.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A request body read no further than the body limit once inflated: the HTTP layer checks the declared length of
 * what arrives, but a gzip body of 32 KiB inflated to 32 MiB and was read whole. Reading past the limit answers
 * 413. Records read before it are stored, as in any batch; a sender resends smaller batches, and the records it
 * resends count once (ingest dedupes them).
 */
@ApplicationScoped
public class BoundedBody {
    private final long maxBytes;

    public BoundedBody(IngestConfig config) {
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    public InputStream of(InputStream body) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > maxBytes) {
                    throw new WebApplicationException(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                            .entity(Map.of("error", "the request body is larger than the limit of " + maxBytes
                                    + " bytes (INGEST_MAX_BODY_SIZE, counted after a gzip body is inflated): send"
                                    + " smaller batches"))
                            .type("application/json").build());
                }
            }
        };
    }
}
