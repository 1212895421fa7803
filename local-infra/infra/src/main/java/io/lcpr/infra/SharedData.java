package io.lcpr.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data beside the checkout (or in SHARED_DATA_DIR), from wherever the test runs. */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String name) {
        String override = System.getenv("SHARED_DATA_DIR");
        if (override != null && Files.exists(Path.of(override, name))) {
            return Path.of(override, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("data").resolve(name);
            if (Files.exists(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("shared/data/" + name + " not found beside the checkout");
    }
}
