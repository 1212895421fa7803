package io.lcpr.delivery.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.lcpr.delivery.DatabaseOutage;
import jakarta.persistence.PersistenceException;

class ErrorResponsesTest {
    @Test
    void aLostOrMissingConnectionIsA503ARefusedStatementIsNot() {
        assertTrue(DatabaseOutage.unreachable(new PersistenceException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseOutage.unreachable(new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
                new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.unreachable(new SQLException("terminating connection due to administrator command",
                "57P01")));
        assertFalse(DatabaseOutage.unreachable(new PersistenceException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"))));
        var answer = new ErrorResponses().database(new SQLException("refused", "08006"));
        assertEquals(503, answer.getStatus());
        assertEquals(String.valueOf(ErrorResponses.RETRY_AFTER_S), answer.getHeaderString("Retry-After"));
    }

    @Test
    void aBodyThatDoesNotFitTheRequestIsA400NamingTheField() throws Exception {
        record Alias(String provider, String alias) {
        }
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readValue("{\"provider\":\"p\",\"alias\":[[1]]}",
                    Alias.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            var answer = new ErrorResponses().unreadable(e);
            assertEquals(400, answer.getStatus());
            assertTrue(answer.getEntity().toString().contains("alias"), answer.getEntity().toString());
            return;
        }
        throw new AssertionError("an array is no alias");
    }
}
