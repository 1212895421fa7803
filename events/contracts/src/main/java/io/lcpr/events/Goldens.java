package io.lcpr.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The golden JSON of each topic, shipped with the contracts so producer and consumer tests read the same file. */
public final class Goldens {
    private Goldens() {
    }

    public static String read(String topic) {
        String path = "/contracts/" + topic + ".json";
        try (InputStream in = Goldens.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
