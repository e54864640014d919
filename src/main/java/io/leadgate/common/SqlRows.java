package io.leadgate.common;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Plain SQL in the caller's transaction for hot paths where Hibernate costs more than the work itself: many rows in
 * one multi-row {@code INSERT} (a persist per row is a round trip each with identity keys), and queries with a list of
 * values (Hibernate translates a query with a list parameter again at every call).
 */
public final class SqlRows {

    /** PostgreSQL takes at most 65,535 parameters per statement. */
    private static final int MAX_PARAMETERS = 30_000;

    private SqlRows() {}

    /** Inserts {@code rows} (values in the order of {@code columns}; an {@link Instant} as a timestamp) into {@code table}. */
    public static void insert(EntityManager entities, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int perStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        entities.unwrap(Session.class).doWork(connection -> {
            for (int from = 0; from < rows.size(); from += perStatement) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
                String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                        + String.join(", ", Collections.nCopies(chunk.size(), row));
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int index = 1;
                    for (Object[] values : chunk) {
                        for (Object value : values) {
                            bind(insert, index++, value);
                        }
                    }
                    insert.executeUpdate();
                }
            }
        });
    }

    /**
     * The first column, as text, of each row the query returns; its {@code (:values)} stands for the values, one
     * parameter each. Pending changes are not flushed first. {@code FOR NO KEY UPDATE} locks the rows for the
     * caller's transaction as Hibernate's pessimistic write lock does; H2 (dev mode) gets {@code FOR UPDATE}, the
     * only row lock it knows.
     */
    public static List<String> firstColumn(EntityManager entities, String sql, Collection<String> values) {
        return rows(entities, sql, values).stream()
                .map(row -> row[0] == null ? null : row[0].toString())
                .toList();
    }

    /**
     * Each row the query returns, its columns in order; {@code (:values)} and the lock clause as in
     * {@link #firstColumn}. Pending changes are not flushed first.
     */
    public static List<Object[]> rows(EntityManager entities, String sql, Collection<?> values) {
        if (!sql.contains("(:values)") || values.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("a query with one (:values) and at most " + MAX_PARAMETERS + " values");
        }
        if (values.isEmpty()) {
            return List.of();
        }
        String expanded =
                sql.replace("(:values)", "(" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
        return entities.unwrap(Session.class).doReturningWork(connection -> {
            String dialected = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                    ? expanded
                    : expanded.replace("FOR NO KEY UPDATE", "FOR UPDATE");
            try (PreparedStatement query = connection.prepareStatement(dialected)) {
                int index = 1;
                for (Object value : values) {
                    bind(query, index++, value);
                }
                List<Object[]> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        Object[] row = new Object[columns];
                        for (int column = 0; column < columns; column++) {
                            row[column] = rows.getObject(column + 1);
                        }
                        found.add(row);
                    }
                }
                return found;
            }
        });
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws java.sql.SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            case Enum<?> constant -> statement.setString(index, constant.name());
            default -> statement.setObject(index, value);
        }
    }
}
