package io.leadgate.reporting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records funnel events without slowing a page: they queue in memory and are written by the thousand, or five times a
 * second when fewer arrive, with PostgreSQL's COPY. Analytics may lose the last moment on a crash; leads never depend
 * on these rows.
 */
@ApplicationScoped
public class FunnelEvents {

    private static final Logger LOG = Logger.getLogger(FunnelEvents.class);
    /** About 6 MB of events at most: what a database outage may hold in a small heap before views go uncounted. */
    static final int MAX_QUEUED = 20_000;

    private static final int BATCH = 5000;
    /** Rows per insert statement, so that a busy second of page views costs a few statements rather than one per view. */
    private static final int ROWS = 500;

    /** The columns a row is written with, in order: the INSERT's parameters and the COPY's fields. */
    private record Column(String name, int sqlType, Function<FunnelEvent, Object> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("form_id", Types.VARCHAR, e -> e.formId),
            new Column("form_version", Types.VARCHAR, e -> e.formVersion),
            new Column("type", Types.VARCHAR, e -> e.type),
            new Column("detail", Types.VARCHAR, e -> e.detail),
            new Column("visit", Types.VARCHAR, e -> e.visit),
            new Column("experiment_id", Types.BIGINT, e -> e.experimentId),
            new Column("variant", Types.VARCHAR, e -> e.variant),
            new Column("utm_source", Types.VARCHAR, e -> e.utmSource),
            new Column("utm_medium", Types.VARCHAR, e -> e.utmMedium),
            new Column("utm_campaign", Types.VARCHAR, e -> e.utmCampaign),
            new Column("referrer_domain", Types.VARCHAR, e -> e.referrerDomain),
            new Column("occurred_at", Types.TIMESTAMP_WITH_TIMEZONE, e -> e.occurredAt.atOffset(ZoneOffset.UTC)));
    private static final String NAMES = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
    private static final String INSERT = "INSERT INTO funnel_event (" + NAMES + ") VALUES ";
    private static final String ROW = "(" + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
    private static final String COPY = "COPY funnel_event (" + NAMES + ") FROM STDIN WITH (FORMAT csv)";

    /** How long events wait to be written when few arrive. */
    private static final long PERIOD_MILLIS = 200;

    /**
     * Queued events that start a write at once. Under tens of thousands of views a second, a fifth of a second of
     * events outgrew the young generation's survivor space at every collection, so they were copied to the old
     * generation and a full collection followed every few seconds; a write per thousand keeps them young.
     */
    private static final int EAGER = 1000;

    private final ConcurrentLinkedQueue<FunnelEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final DataSource dataSource;
    private volatile Vertx vertx;
    /** After a failed write only the timer tries again, so an outage costs a warning per tick, not one per view. */
    private volatile boolean failing;

    FunnelEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(PERIOD_MILLIS, timer -> flushSoon());
    }

    /** Writes the queue on a worker thread unless a write is already under way. */
    private void flushSoon() {
        Vertx started = vertx;
        if (started != null && !queue.isEmpty() && flushing.compareAndSet(false, true)) {
            started.executeBlocking(
                    () -> {
                        try {
                            flush();
                        } finally {
                            flushing.set(false);
                        }
                        return null;
                    },
                    false);
        }
    }

    public void record(String formId, String formVersion, FunnelEvent.Type type, String detail, String visit) {
        record(formId, formVersion, type, detail, visit, null, null);
    }

    /** An event of a visitor who sees {@code variant} of experiment {@code experimentId}. */
    public void record(
            String formId,
            String formVersion,
            FunnelEvent.Type type,
            String detail,
            String visit,
            Long experimentId,
            String variant) {
        record(formId, formVersion, type, detail, visit, experimentId, variant, TrafficSource.NONE);
    }

    private void record(
            String formId,
            String formVersion,
            FunnelEvent.Type type,
            String detail,
            String visit,
            Long experimentId,
            String variant,
            TrafficSource source) {
        int waiting = queued.incrementAndGet();
        if (waiting > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        FunnelEvent event = new FunnelEvent();
        event.formId = formId;
        event.formVersion = formVersion;
        event.type = type.name().toLowerCase();
        event.detail = detail;
        event.visit = visit;
        event.experimentId = experimentId;
        event.variant = variant;
        event.utmSource = source.utmSource();
        event.utmMedium = source.utmMedium();
        event.utmCampaign = source.utmCampaign();
        event.referrerDomain = source.referrerDomain();
        event.occurredAt = Instant.now();
        queue.add(event);
        if (waiting >= EAGER && !failing && !flushing.get()) {
            flushSoon();
        }
    }

    /** A view, with where it came from: the page's UTM parameters and the referring site's domain. */
    public void view(
            String formId, String formVersion, String visit, Long experimentId, String variant, TrafficSource source) {
        record(formId, formVersion, FunnelEvent.Type.VIEW, null, visit, experimentId, variant, source);
    }

    /** Writes everything queued, a transaction per {@value #BATCH} events; keeps the rest queued if one fails. */
    public synchronized void flush() {
        List<FunnelEvent> batch = new ArrayList<>(BATCH);
        do {
            batch.clear();
            for (FunnelEvent event; batch.size() < BATCH && (event = queue.poll()) != null; ) {
                batch.add(event);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> insert(batch));
                queued.addAndGet(-batch.size());
            } catch (RuntimeException e) {
                if (!refusedData(sqlState(e))) {
                    keep(batch, e);
                    return;
                }
                if (!storeEachAlone(batch)) {
                    return;
                }
            }
            failing = false;
        } while (batch.size() == BATCH);
    }

    /**
     * Stores a batch the database refused for its data one event at a time and drops only the events it refuses, so
     * that one bad event cannot hold back every later one; false, with the rest queued again, when it fails otherwise.
     */
    private boolean storeEachAlone(List<FunnelEvent> batch) {
        int dropped = 0;
        String refusal = null;
        for (int i = 0; i < batch.size(); i++) {
            List<FunnelEvent> one = List.of(batch.get(i));
            try {
                QuarkusTransaction.requiringNew().run(() -> insert(one));
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (!refusedData(state)) {
                    queued.addAndGet(-i);
                    keep(batch.subList(i, batch.size()), e);
                    return false;
                }
                dropped++;
                refusal = state;
            }
        }
        queued.addAndGet(-batch.size());
        if (dropped > 0) {
            LOG.warnf("Dropped %d funnel event(s) the database refused (SQLState %s)", dropped, refusal);
        }
        return true;
    }

    /** Queues events again after a failure that is not theirs; only the timer retries until a write succeeds. */
    private void keep(List<FunnelEvent> events, RuntimeException failure) {
        failing = true;
        LOG.warnf(
                "Could not store %d funnel events yet (%s, SQLState %s); keeping them",
                events.size(), failure.getClass().getSimpleName(), sqlState(failure));
        queue.addAll(events);
    }

    /** Data exceptions and constraint violations: the same rows would be refused again. */
    private static boolean refusedData(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private void insert(List<FunnelEvent> events) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), events);
                return;
            }
            for (int from = 0; from < events.size(); from += ROWS) {
                List<FunnelEvent> rows = events.subList(from, Math.min(events.size(), from + ROWS));
                try (PreparedStatement insert = connection.prepareStatement(
                        INSERT + String.join(", ", Collections.nCopies(rows.size(), ROW)))) {
                    int p = 1;
                    for (FunnelEvent event : rows) {
                        for (Column column : COLUMNS) {
                            insert.setObject(p++, column.value().apply(event), column.sqlType());
                        }
                    }
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store funnel events", e);
        }
    }

    /**
     * PostgreSQL's COPY: under tens of thousands of views a second, the multi-row inserts cost PostgreSQL about a third
     * of a core parsing and binding a dozen parameters per row, CPU the form page competes for on a small machine.
     */
    private static void copy(PGConnection connection, List<FunnelEvent> events) throws SQLException {
        StringBuilder csv = new StringBuilder(events.size() * 160);
        for (FunnelEvent event : events) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                Object value = COLUMNS.get(i).value().apply(event);
                field(csv, value == null ? null : value.toString()).append(i + 1 < COLUMNS.size() ? ',' : '\n');
            }
        }
        try {
            // Bytes, not a Reader: the driver encodes a Reader in chunks, splitting characters outside the BMP.
            connection
                    .getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("Cannot copy funnel events", e);
        }
    }

    /** A CSV field: null stays unquoted and empty (COPY's NULL in CSV), every value is quoted with its quotes doubled. */
    private static StringBuilder field(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            csv.append(c);
            if (c == '"') {
                csv.append('"');
            }
        }
        return csv.append('"');
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
