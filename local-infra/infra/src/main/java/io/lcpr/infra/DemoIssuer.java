package io.lcpr.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lcpr.events.EventJson;

/**
 * The JWT issuer of the local suite and the tests: an RSA key pair kept in a directory (made on first use, so a
 * printed token outlives a restart of the suite) and RS256 tokens with the claims the services read: {@code groups}
 * (one of the roles) and {@code teams}. A real deployment points the services at its own issuer instead
 * (README.md, "Access").
 */
public final class DemoIssuer {
    public static final String ISSUER = "https://lcpr.local/demo";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String FINANCE = "finance";
    public static final String TEAM_MEMBER = "team-member";
    public static final String TRACE_SENDER = "trace-sender";
    // A system property, not a static field: test classes see this class through more than one class loader.
    private static final String TEST_DIR = "lcpr.test.jwt.dir";

    private final PrivateKey privateKey;
    private final Path publicKeyPem;

    private DemoIssuer(PrivateKey privateKey, Path publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    /** The issuer whose keys live in {@code dir} ({@code private.pem}, {@code public.pem}), made there if absent. */
    public static synchronized DemoIssuer in(Path dir) {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        try {
            if (!Files.exists(priv) || !Files.exists(pub)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            byte[] der = unpem(Files.readString(priv));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new DemoIssuer(key, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo issuer's keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the demo issuer's key in " + priv + " is not an RSA key", e);
        }
    }

    /** The one issuer of a test JVM (its keys in a temporary directory). */
    public static synchronized DemoIssuer forTests() {
        String dir = System.getProperty(TEST_DIR);
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("lcpr-jwt").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(TEST_DIR, dir);
        }
        return in(Path.of(dir));
    }

    /** The environment a verifying service needs to trust this issuer. */
    public Map<String, String> verifierEnvironment() {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKeyPem.toAbsolutePath().toString(),
                "MP_JWT_VERIFY_ISSUER", ISSUER);
    }

    /**
     * The same as configuration keys of a test application: the key itself, not its location, because in test mode
     * smallrye-jwt makes a key pair of its own, given as a key, which a location would not replace.
     */
    public Map<String, String> verifierConfig() {
        try {
            String key = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----|\\s", "");
            return Map.of("mp.jwt.verify.publickey", key, "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token of one role (and, for a team member, its teams) valid for {@code ttl}. */
    public String mint(String subject, String role, Collection<String> teams, Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Instant now = Instant.now();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.of(role));
        claims.put("teams", List.copyOf(teams));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** A token with any claims at all (a test's expired or foreign one). */
    public String sign(Map<String, Object> claims) {
        try {
            String header = b64(EventJson.MAPPER.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String body = b64(EventJson.MAPPER.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
    }

    public String admin() {
        return mint("admin@demo", PLATFORM_ADMIN, List.of(), Duration.ofHours(12));
    }

    public String finance() {
        return mint("finance@demo", FINANCE, List.of(), Duration.ofHours(12));
    }

    /** A gateway's, SDK's or eval pipeline's token: it posts traces and outcomes and reads nothing. */
    public String sender() {
        return mint("gateway@demo", TRACE_SENDER, List.of(), Duration.ofDays(30));
    }

    public String member(String... teams) {
        return mint("member@demo", TEAM_MEMBER, List.of(teams), Duration.ofHours(12));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
