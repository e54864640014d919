package io.leadgate.web;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL counter counts every bucket in one statement, leaves the pooled connection as it found it, and lets
 * a database failure through as itself, so that the caller answers 503 rather than 500.
 */
@QuarkusTest
class DatabaseHitCounterTest {

    @Inject
    EntityManager entities;

    @Inject
    DataSource dataSource;

    @Test
    void countsEachBucketAndKeepsTheConnectionDurable() throws SQLException {
        String ip = "test-ip-" + UUID.randomUUID();
        String email = "test-email-" + UUID.randomUUID();
        try (Connection real = dataSource.getConnection()) {
            DatabaseHitCounter counter = new DatabaseHitCounter(entities, only(real), "postgresql");

            assertArrayEquals(new int[] {1, 1}, counter.hitAll(List.of(ip, email), 7L));
            assertEquals(2, counter.hit(ip, 7L));
            // Counts come back in the caller's order, whatever order the rows were locked in.
            assertArrayEquals(new int[] {2, 3}, counter.hitAll(List.of(email, ip), 7L));
            assertEquals(1, counter.hit(email, 8L));

            // synchronous_commit was off for the counting statement only; the next user of the connection waits
            // for the disk again.
            assertTrue(real.getAutoCommit());
            try (Statement show = real.createStatement();
                    ResultSet setting = show.executeQuery("SHOW synchronous_commit")) {
                setting.next();
                assertEquals("on", setting.getString(1));
            }
        }
    }

    @Test
    void aDatabaseOutOfReachFailsAsItself() {
        DataSource down = failing(new SQLException("Connection refused", "08001"));
        DatabaseHitCounter counter = new DatabaseHitCounter(entities, down, "postgresql");

        PersistenceException failure =
                assertThrows(PersistenceException.class, () -> counter.hitAll(List.of("a", "b"), 1L));
        SQLException cause = assertInstanceOf(SQLException.class, failure.getCause());
        assertEquals("08001", cause.getSQLState());
        assertThrows(PersistenceException.class, () -> counter.hit("a", 1L));
    }

    /** A data source that always hands out this one connection and never closes it. */
    private static DataSource only(Connection real) {
        InvocationHandler keepOpen = (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Connection connection = (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, keepOpen);
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DataSource failing(SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }
}
