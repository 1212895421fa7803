package io.lcpr.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.lcpr.infra.DemoIssuer;

/**
 * {@code ./suite.sh token --role team-member --teams a,b [--subject name] [--ttl-hours 12]}: a bearer token of the
 * local suite's demo issuer (the keys in the work directory), for curl, a gateway, a GraphQL client or the UI.
 */
public final class Tokens {
    private Tokens() {
    }

    public static void main(String[] args) {
        String role = DemoIssuer.PLATFORM_ADMIN;
        String subject = null;
        List<String> teams = List.of();
        long hours = 12;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> role = require(args[i], value);
                case "--teams" -> teams = Arrays.stream(require(args[i], value).split(",")).map(String::trim)
                        .filter(t -> !t.isEmpty()).toList();
                case "--subject" -> subject = require(args[i], value);
                case "--ttl-hours" -> hours = Long.parseLong(require(args[i], value));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (!List.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE, DemoIssuer.TEAM_MEMBER, DemoIssuer.TRACE_SENDER)
                .contains(role)) {
            usage("--role must be platform-admin, finance, team-member or trace-sender, not " + role);
        }
        if (role.equals(DemoIssuer.TEAM_MEMBER) && teams.isEmpty()) {
            usage("a team-member token needs --teams");
        }
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve(System.getenv().getOrDefault("SUITE_WORK_DIR", ".local"));
        DemoIssuer issuer = DemoIssuer.in(work.resolve("jwt"));
        System.out.println(issuer.mint(subject == null ? role + "@demo" : subject, role, teams,
                Duration.ofHours(hours)));
    }

    private static String require(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: ./suite.sh token [--role platform-admin|finance|team-member|trace-sender]"
                + " [--teams a,b]"
                + " [--subject name] [--ttl-hours 12]");
        System.exit(2);
    }
}
