package io.leadgate.common;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

/**
 * Inserts many rows with one multi-row {@code INSERT} in the caller's transaction, for hot paths where a Hibernate
 * persist per row (one round trip each with identity keys) costs more than the work itself.
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

    private static void bind(PreparedStatement statement, int index, Object value) throws java.sql.SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            case Enum<?> constant -> statement.setString(index, constant.name());
            default -> statement.setObject(index, value);
        }
    }
}
