package io.leadgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds a PostgreSQL for the tests, in this order: {@code LEADGATE_TEST_DB_URL}; a server on 127.0.0.1:5432 (where
 * it creates the database {@code leadgate_test}); a throwaway cluster started from the installed binaries under
 * {@code target/}. Without any of them it stops with one sentence saying what to install or set.
 */
@WithTestResource(value = TestDatabase.class, scope = TestResourceScope.GLOBAL)
public final class TestDatabase implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "leadgate_test";
    private static final String INSTALL_HINT = "No PostgreSQL for the tests: install it (apt-get install postgresql) "
            + "or set LEADGATE_TEST_DB_URL (with LEADGATE_TEST_DB_USER and LEADGATE_TEST_DB_PASSWORD) to a database the tests may wipe.";

    /** Where the tests' database is and how to log in to it. */
    public record Server(String jdbcUrl, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    private static Server found;

    @Override
    public Map<String, String> start() {
        Server server = server();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // The database outlives one application start: every test profile restarts Quarkus against it.
    }

    /** The tests' database, located once per test run. */
    public static synchronized Server server() {
        if (found == null) {
            found = fromEnvironment()
                    .or(TestDatabase::localServer)
                    .or(TestDatabase::throwawayCluster)
                    .orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        }
        return found;
    }

    private static Optional<Server> fromEnvironment() {
        String url = System.getenv("LEADGATE_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Server(
                url, env("LEADGATE_TEST_DB_USER", "leadgate"), env("LEADGATE_TEST_DB_PASSWORD", "leadgate")));
    }

    private static Optional<Server> localServer() {
        List<String[]> logins = new ArrayList<>();
        if (System.getenv("PGUSER") != null) {
            logins.add(new String[] {System.getenv("PGUSER"), env("PGPASSWORD", "")});
        }
        logins.add(new String[] {"leadgate", "leadgate"});
        logins.add(new String[] {"postgres", ""});
        for (String[] login : logins) {
            Optional<Server> server = withTestDatabase("127.0.0.1", 5432, login[0], login[1]);
            if (server.isPresent()) {
                return server;
            }
        }
        return Optional.empty();
    }

    /** Logs in to the server's maintenance database and makes sure the tests' own database exists. */
    private static Optional<Server> withTestDatabase(String host, int port, String user, String password) {
        String base = "jdbc:postgresql://" + host + ":" + port + "/";
        try (Connection admin = DriverManager.getConnection(base + "postgres?connectTimeout=3", user, password);
                var existing = admin.prepareStatement(
                        "SELECT pg_get_userbyid(datdba) = current_user"
                                + " OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) FROM pg_database WHERE datname = ?")) {
            existing.setString(1, DATABASE);
            var database = existing.executeQuery();
            if (database.next()) {
                if (!database.getBoolean(1)) {
                    // Another role owns it, so this login could not wipe it before each run: try the next login.
                    return Optional.empty();
                }
            } else {
                try (var create = admin.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
            return Optional.of(new Server(base + DATABASE, user, password));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static Optional<Server> throwawayCluster() {
        Optional<Path> binaries = postgresBinaries();
        if (binaries.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path data = Paths.get("target", "test-postgres").toAbsolutePath();
            stopCluster(binaries.get(), data);
            deleteRecursively(data);
            Files.createDirectories(data);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", data.toString()));
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            runAsOwner(
                    root,
                    List.of(
                            binaries.get().resolve("initdb").toString(),
                            "-D",
                            data.resolve("data").toString(),
                            "-U",
                            "postgres",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--no-sync"));
            runAsOwner(
                    root,
                    List.of(
                            binaries.get().resolve("pg_ctl").toString(),
                            "-D",
                            data.resolve("data").toString(),
                            "-l",
                            data.resolve("server.log").toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-p " + port + " -k " + data
                                    + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off",
                            "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopCluster(binaries.get(), data)));
            return withTestDatabase("127.0.0.1", port, "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start a throwaway PostgreSQL under target/test-postgres: " + e.getMessage() + ". "
                            + INSTALL_HINT,
                    e);
        }
    }

    private static Optional<Path> postgresBinaries() {
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparing(bin -> Integer.parseInt(
                                bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException ignored) {
                // Fall through to the PATH.
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Paths::get)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                .findFirst();
    }

    private static void stopCluster(Path binaries, Path data) {
        if (Files.exists(data.resolve("data").resolve("postmaster.pid"))) {
            try {
                boolean root = "root".equals(System.getProperty("user.name"));
                runAsOwner(
                        root,
                        List.of(
                                binaries.resolve("pg_ctl").toString(),
                                "-D",
                                data.resolve("data").toString(),
                                "-m",
                                "fast",
                                "stop"));
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }

    private static void runAsOwner(boolean root, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (root) {
            // PostgreSQL refuses to run as root.
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
