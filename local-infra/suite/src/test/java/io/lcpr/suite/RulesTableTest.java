package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The top README's "Where the rules live" table names, for each rule, one class that exists. */
class RulesTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+?) \\|$");
    private static final Pattern CLASS = Pattern.compile("^`([\\w./-]+/src/main/java/[\\w/]+\\.java)`$");

    @Test
    void everyRuleNamesOneExistingClass() throws IOException {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve("README.md"));
        int start = lines.indexOf("## Where the rules live");
        assertTrue(start >= 0, "README.md has no \"Where the rules live\" section");
        List<String> named = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (!row.matches() || row.group(1).equals("rule") || row.group(1).startsWith("---")) {
                continue;
            }
            String cell = row.group(2);
            if (cell.startsWith("not built yet")) {
                continue;
            }
            Matcher file = CLASS.matcher(cell);
            if (!file.matches()) {
                problems.add(row.group(1) + ": not one class: " + cell);
            } else if (!Files.isRegularFile(root.resolve(file.group(1)))) {
                problems.add(row.group(1) + ": no such class " + file.group(1));
            } else {
                named.add(file.group(1));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(named.size() >= 8, "rules named: " + named);
    }
}
