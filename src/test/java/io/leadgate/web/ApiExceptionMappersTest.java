package io.leadgate.web;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that cannot be reached is a 503 with Retry-After ("nothing was stored"); other storage errors are 500s. */
class ApiExceptionMappersTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    @Test
    void unreachableDatabasesAreRecognized() {
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new JDBCConnectionException("down", new SQLException("x", "08001")))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLTransientConnectionException("pool"))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new RuntimeException(new ConnectException("refused")))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLException("canceling statement due to statement timeout", "57014"))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLException("could not obtain lock", "55P03"))));
        assertTrue(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLException("terminating connection", "57P01"))));
        assertFalse(ApiExceptionMappers.isDatabaseUnavailable(
                new PersistenceException(new SQLException("duplicate key", "23505"))));
    }

    @Test
    void anOutageAnswers503WithRetryAfter() {
        var response = mappers.storage(new PersistenceException(new SQLTransientConnectionException("pool")));
        assertEquals(503, response.getStatus());
        assertEquals("30", response.getHeaderString("Retry-After"));
        assertEquals(
                500,
                mappers.storage(new PersistenceException(new SQLException("boom", "XX000")))
                        .getStatus());
    }
}
