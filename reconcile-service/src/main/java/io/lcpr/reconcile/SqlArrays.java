package io.lcpr.reconcile;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Array parameters typed by their elements, so that PgJDBC sends them in PostgreSQL's binary form (it does for
 * String[], Long[], Integer[], Short[], Boolean[] and byte[][], not for Object[]): a poll of traces binds some
 * hundred thousand values, and writing them as text literals was about a tenth of the service's CPU samples while
 * folding (JFR profile of bench-reconcile). Other element types (numeric, uuid) go as text.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    /** An array of SQL type {@code type} (its element type: text, int8, int4, int2, bytea, numeric, ...). */
    public static Array of(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, typed(type, values));
    }

    static Object[] typed(String type, Object[] values) {
        return switch (type) {
            case "text" -> copy(values, String[]::new, Object::toString);
            case "int8" -> copy(values, Long[]::new, v -> ((Number) v).longValue());
            case "int4" -> copy(values, Integer[]::new, v -> ((Number) v).intValue());
            case "int2" -> copy(values, Short[]::new, v -> ((Number) v).shortValue());
            case "bool" -> copy(values, Boolean[]::new, v -> (Boolean) v);
            case "bytea" -> copy(values, byte[][]::new, v -> (byte[]) v);
            default -> values;
        };
    }

    private static <T> T[] copy(Object[] values, IntFunction<T[]> array, Function<Object, T> element) {
        T[] out = array.apply(values.length);
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : element.apply(values[i]);
        }
        return out;
    }
}
