package io.lcpr.infra;

import java.net.URI;

/**
 * Where the services' PostgreSQL is. {@code DATABASE_URL} may be a JDBC URL or a {@code postgres://user:pass@host:port/db}
 * URL as hosting platforms hand them out; {@code DATABASE_USERNAME} and {@code DATABASE_PASSWORD} override the user.
 */
public record Database(String jdbcUrl, String username, String password) {

    public static Database fromUrl(String url, String username, String password) {
        if (url.startsWith("jdbc:")) {
            return new Database(url, username, password);
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be jdbc:postgresql://… or postgres://…, got " + url);
        }
        String user = username;
        String pass = password;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = user != null ? user : parts[0];
            pass = pass != null ? pass : (parts.length > 1 ? parts[1] : null);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
        return new Database("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, pass);
    }
}
