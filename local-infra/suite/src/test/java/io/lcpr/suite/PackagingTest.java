package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What ships: the article examples are test and demo data, never part of a service. Reads each service's packaged
 * application (built earlier in the same reactor) jar by jar.
 */
class PackagingTest {
    private static final String EXAMPLES = "io/lcpr/demo/";

    @ParameterizedTest
    @ValueSource(strings = { "ingest-service", "pricing-service", "reconcile-service", "chargeback-service",
            "graphql-api" })
    void noServiceShipsTheArticleExamples(String service) throws IOException {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path app = root.resolve(service).resolve("target/quarkus-app");
        assertTrue(Files.isDirectory(app), app + " is not built");
        List<String> found = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(app)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.size() > 10, "the packaged application's jars under " + app);
        for (Path jar : jars) {
            if (jar.getFileName().toString().contains("article-examples")) {
                found.add(jar.toString());
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().filter(e -> e.getName().startsWith(EXAMPLES)).forEach(e -> found.add(jar + "!" + e));
            }
        }
        assertEquals(List.of(), found, service + " ships the article examples");
    }
}
