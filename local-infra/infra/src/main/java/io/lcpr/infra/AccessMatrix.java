package io.lcpr.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;

/**
 * Every REST endpoint of a service, found in its compiled classes (so a new endpoint is checked without anyone
 * listing it), asked with no token, an expired one, one of a foreign issuer, one without a suite role and one of each
 * role: 401 for the first four, 403 for a role the endpoint is not for, neither for a role it is for.
 */
public final class AccessMatrix {
    /** The suite's roles, as the services' permissions name them. */
    public static final List<String> ROLES = List.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE,
            DemoIssuer.TEAM_MEMBER, DemoIssuer.TRACE_SENDER);
    /** What most endpoints are for. */
    public static final Set<String> ADMIN_OR_FINANCE = Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE);
    /** What a team member may reach too (its own teams', checked by the endpoint). */
    public static final Set<String> ANY_BUT_SENDER = Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE,
            DemoIssuer.TEAM_MEMBER);
    private static final Pattern PARAM = Pattern.compile("\\{\\s*([\\w.-]+)\\s*(?::[^}]*)?}");
    private static final List<Class<? extends Annotation>> METHODS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class);

    /** One endpoint: its HTTP method, its path template and a path with a value for each parameter. */
    public record Endpoint(String method, String template, String path) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private AccessMatrix() {
    }

    /** The endpoints of the JAX-RS resources compiled into {@code classes} (a module's target/classes). */
    public static List<Endpoint> endpoints(Path classes) {
        List<Endpoint> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    for (Class<? extends Annotation> verb : METHODS) {
                        if (m.isAnnotationPresent(verb)) {
                            jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                            String template = join(root.value(), sub == null ? "" : sub.value());
                            out.add(new Endpoint(verb.getSimpleName(), template, concrete(template, m)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return out;
    }

    /**
     * The service's endpoints (at least {@code minimum} of them, found in target/classes) each asked as every caller;
     * an AssertionError lists every answer that was not as {@code allowed} says.
     */
    public static void assertEveryEndpoint(URI base, int minimum, Function<Endpoint, Set<String>> allowed) {
        List<Endpoint> endpoints = endpoints(Path.of("target/classes"));
        if (endpoints.size() < minimum) {
            throw new AssertionError("found " + endpoints.size() + " endpoints, expected at least " + minimum + ": "
                    + endpoints);
        }
        List<String> wrong = check(base, endpoints, allowed);
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " answers not as expected:\n" + String.join("\n", wrong));
        }
    }

    /**
     * Asks every endpoint as every caller and returns what was not as {@code allowed} says (the roles each endpoint
     * is for), one line each; empty when all is well.
     */
    public static List<String> check(URI base, List<Endpoint> endpoints, Function<Endpoint, Set<String>> allowed) {
        DemoIssuer issuer = DemoIssuer.forTests();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no token", null);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        refused.put("an expired token", issuer.sign(Map.of("iss", DemoIssuer.ISSUER, "sub", "late@demo", "upn",
                "late@demo", "groups", List.of(DemoIssuer.PLATFORM_ADMIN), "iat", past.getEpochSecond(), "exp",
                past.plus(Duration.ofHours(1)).getEpochSecond())));
        refused.put("a foreign issuer's token", foreign().admin());
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("a token without a suite role", issuer.mint("auditor@demo", "auditor", List.of(), Duration.ofHours(1)));
        for (String role : ROLES) {
            roles.put(role, issuer.mint(role + "@demo", role, List.of("team-a"), Duration.ofHours(1)));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (var caller : refused.entrySet()) {
                int status = send(http, base, e, caller.getValue());
                if (status != 401) {
                    wrong.add(e + " with " + caller.getKey() + ": " + status + ", not 401");
                }
            }
            Set<String> mayUse = allowed.apply(e);
            for (var caller : roles.entrySet()) {
                int status = send(http, base, e, caller.getValue());
                boolean may = mayUse.contains(caller.getKey());
                if (may && (status == 401 || status == 403)) {
                    wrong.add(e + " as " + caller.getKey() + ": " + status + ", though the endpoint is for it");
                } else if (!may && status != 403) {
                    wrong.add(e + " as " + caller.getKey() + ": " + status + ", not 403");
                }
            }
        }
        return wrong;
    }

    private static int send(HttpClient http, URI base, Endpoint e, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(e.path())).timeout(Duration.ofSeconds(30))
                .method(e.method(), HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e1) {
            throw new UncheckedIOException(e + " did not answer", e1);
        } catch (InterruptedException e1) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e1);
        }
    }

    private static DemoIssuer foreign() {
        try {
            return DemoIssuer.in(Files.createTempDirectory("lcpr-foreign-jwt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The template with a value of each parameter's type (a UUID, a number, else a word). */
    private static String concrete(String template, Method m) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Parameter p : m.getParameters()) {
            PathParam name = p.getAnnotation(PathParam.class);
            if (name != null) {
                types.put(name.value(), p.getType());
            }
        }
        Matcher matcher = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Class<?> type = types.getOrDefault(matcher.group(1), String.class);
            String value = type == UUID.class ? UUID.randomUUID().toString()
                    : type == long.class || type == int.class || type == Long.class || type == Integer.class ? "1"
                            : "x";
            matcher.appendReplacement(out, value);
        }
        matcher.appendTail(out);
        return out.toString().substring(1); // relative to the base URI
    }
}
