package io.lcpr.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Programs the end-to-end tests run (npm, node): what they printed and how they ended. */
final class Programs {
    private Programs() {
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** Runs a program in a directory and waits up to three minutes for it. */
    static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                return e.toString();
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 180 s:\n" + stdout);
        }
        return new Result(p.exitValue(), stdout, err.get());
    }

    /** Its standard output, or an error naming it with what it printed. */
    static String succeed(Path dir, Map<String, String> env, String... command) throws Exception {
        Result r = run(dir, env, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (Node 20 and npm are needed: .ci/run"
                    + " installs them when missing):\n" + r.stdout() + "\n" + r.stderr());
        }
        return r.stdout();
    }

    /** The npm project in {@code dir} with its locked packages (installed once; node_modules is not committed). */
    static void npmInstalled(Path dir) throws Exception {
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            succeed(dir, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        }
    }
}
