package io.lcpr.reconcile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Columns are handed to PgJDBC typed by their elements (the types it sends in binary), nulls kept. */
class SqlArraysTest {

    @Test
    void numbersAndTextAreTypedByTheirColumn() {
        Object[] small = SqlArrays.typed("int2", new Object[] { 3, null });
        assertInstanceOf(Short[].class, small);
        assertArrayEquals(new Short[] { 3, null }, small);
        assertArrayEquals(new Long[] { 7L, null }, SqlArrays.typed("int8", new Object[] { 7, null }));
        assertArrayEquals(new Integer[] { 1 }, SqlArrays.typed("int4", new Object[] { 1L }));
        assertArrayEquals(new String[] { "a", null }, SqlArrays.typed("text", new Object[] { "a", null }));
        assertInstanceOf(byte[][].class, SqlArrays.typed("bytea", new Object[] { new byte[] { 1 } }));
    }

    @Test
    void otherTypesGoAsTheyCame() {
        Object[] decimals = { BigDecimal.ONE };
        assertSame(decimals, SqlArrays.typed("numeric", decimals));
    }
}
