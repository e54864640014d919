package io.leadgate.web;

import io.leadgate.common.GroupCommit;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL counter counts every bucket in one statement, gives requests counted together the counts they would
 * have had one at a time, leaves the pooled connection as it found it, and lets a database failure through as itself,
 * so that the caller answers 503 rather than 500.
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
            counter.stopBatches(null);

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
    void aBatchGivesEachRequestItsOwnCountInOrder() {
        String ip = "test-ip-" + UUID.randomUUID();
        String first = "test-email-" + UUID.randomUUID();
        String second = "test-email-" + UUID.randomUUID();
        DatabaseHitCounter counter = new DatabaseHitCounter(entities, dataSource, "postgresql");
        try {
            assertEquals(1, counter.hit(ip, 5L));
            List<int[]> counts = counter.countTogether(
                    List.of(
                            new DatabaseHitCounter.Hits(List.of(ip, first), 5L),
                            new DatabaseHitCounter.Hits(List.of(second, ip), 5L),
                            new DatabaseHitCounter.Hits(List.of(ip, first), 5L),
                            new DatabaseHitCounter.Hits(List.of(ip), 6L)),
                    new GroupCommit.Tracker<>());
            assertArrayEquals(new int[] {2, 1}, counts.get(0));
            assertArrayEquals(new int[] {1, 3}, counts.get(1));
            assertArrayEquals(new int[] {4, 2}, counts.get(2));
            assertArrayEquals(new int[] {1}, counts.get(3));
            assertEquals(5, counter.hit(ip, 5L));
        } finally {
            counter.stopBatches(null);
        }
    }

    @Test
    void concurrentRequestsCountedTogetherEachGetTheCountTheyWouldAlone() throws Exception {
        String ip = "test-ip-" + UUID.randomUUID();
        DatabaseHitCounter counter = new DatabaseHitCounter(entities, dataSource, "postgresql");
        ExecutorService requests = Executors.newFixedThreadPool(16);
        try {
            List<Future<int[]>> counts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String email = "test-email-" + i + "-" + UUID.randomUUID();
                counts.add(requests.submit(() -> counter.hitAll(List.of(ip, email), 9L)));
            }
            Set<Integer> ipCounts = new TreeSet<>();
            for (Future<int[]> count : counts) {
                int[] hits = count.get();
                ipCounts.add(hits[0]);
                assertEquals(1, hits[1], "each email's first hit");
            }
            // 300 requests from one address: each saw a different count, 1 to 300, as one at a time would.
            assertEquals(IntStream.rangeClosed(1, 300).boxed().toList(), List.copyOf(ipCounts));
            assertEquals(301, counter.hit(ip, 9L));
        } finally {
            requests.shutdownNow();
            counter.stopBatches(null);
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
        counter.stopBatches(null);
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
