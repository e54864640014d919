package io.leadgate.forms;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reloads the served forms as soon as another instance publishes a version ({@code LISTEN leadgate_forms} on a
 * connection of its own, outside the pool); the registry's periodic check stays the fallback, and is all H2 has.
 */
@ApplicationScoped
class FormChangeListener {

    private static final Logger LOG = Logger.getLogger(FormChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final FormRegistry registry;
    private final FormStore store;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private volatile boolean running;
    private Thread thread;

    FormChangeListener(
            FormRegistry registry,
            FormStore store,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.registry = registry;
        this.store = store;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (!store.notifies()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("form-change-listener").start(this::listen);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password.orElse(null));
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + FormStore.CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                warned = false;
                // A version may have been published while this connection was away.
                registry.reloadIfChanged();
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        registry.reloadIfChanged();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    warned = true;
                    LOG.warnf(
                            "Not listening for published forms (%s); the periodic check still finds them",
                            e.getClass().getSimpleName());
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
