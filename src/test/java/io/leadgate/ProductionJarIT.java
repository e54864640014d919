package io.leadgate;

import io.leadgate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application as an operator runs it ({@code java -jar}): it refuses to start without its secrets and an
 * https public URL, and what is only for development (the dev outbox) or for signed-in people (metrics, the API's
 * UI) is not open to anyone.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SECRET = "production-jar-it-secret-0123456789abcdef";
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The environment of a well-configured instance on this port, minus what a test takes away. */
    private static Map<String, String> production(int port) {
        TestDatabase.Server db = TestDatabase.server();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("LEADGATE_PUBLIC_URL", "https://leads.example.com");
        env.put("LEADGATE_WEB_TOKEN_SECRET", SECRET);
        env.put("LEADGATE_NURTURE_SECRET", SECRET);
        env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", SECRET);
        env.put("LEADGATE_SECRET_SALES_WEBHOOK", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        env.put("LEADGATE_SECRET_AGENCY_SLACK_URL", "https://hooks.slack.example/services/T/B/X");
        env.put("LEADGATE_DELIVERY_MODE", "capture");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", "1");
        return env;
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Process app, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the application stopped: " + Files.readString(log));
            try {
                if (get(port, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in time: " + Files.readString(log));
    }

    @Test
    void withoutItsSecretsTheApplicationRefusesToStartAndSaysWhatToSet() throws Exception {
        Map<String, String> env = production(freePort());
        env.remove("LEADGATE_WEB_TOKEN_SECRET");
        env.put("LEADGATE_PUBLIC_URL", "http://leads.example.com");
        Path log = Files.createTempFile("leadgate-refuses", ".log");
        Process app = start(env, log);
        assertTrue(app.waitFor(90, TimeUnit.SECONDS), "it stops by itself");
        assertNotEquals(0, app.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("LEADGATE_WEB_TOKEN_SECRET"), output);
        assertTrue(output.contains("https://"), output);
        assertTrue(output.contains("LEADGATE_ALLOW_INSECURE_SETUP"), output);
    }

    @Test
    void configuredForProductionItKeepsDevAndOperatorPagesClosed() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("leadgate-production", ".log");
        Process app = start(production(port), log);
        try {
            awaitReady(app, port, log);
            assertEquals(
                    404,
                    get(port, "/dev/outbox").statusCode(),
                    "the prod build has no dev outbox, even in capture mode");
            assertEquals(401, get(port, "/q/metrics").statusCode(), "metrics need a token");
            HttpResponse<String> swagger = get(port, "/q/swagger-ui/");
            assertEquals(302, swagger.statusCode(), "the API's UI needs a signed-in person");
            HttpResponse<String> login = get(port, "/admin/login");
            assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(login.headers()
                    .firstValue("Content-Security-Policy")
                    .orElse("")
                    .contains("script-src 'self'"));
            assertTrue(
                    login.headers()
                            .firstValue("Strict-Transport-Security")
                            .orElse("")
                            .contains("max-age="),
                    "behind https, browsers are told to stay on it");
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLocalTrialMayStartWithoutThemWhenItSaysSo() throws Exception {
        int port = freePort();
        Map<String, String> env = production(port);
        env.remove("LEADGATE_NURTURE_SECRET");
        env.put("LEADGATE_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("LEADGATE_ALLOW_INSECURE_SETUP", "true");
        Path log = Files.createTempFile("leadgate-trial", ".log");
        Process app = start(env, log);
        try {
            awaitReady(app, port, log);
            assertTrue(Files.readString(log).contains("LEADGATE_ALLOW_INSECURE_SETUP is on"));
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aVersionPublishedOnOneInstanceIsServedByTheOtherWithinTwoSeconds() throws Exception {
        String token = "lg_two-instances-" + java.util.UUID.randomUUID();
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        try (java.sql.Connection db = TestDatabase.server().connect()) {
            String email = "pipeline-" + suffix + "@pipewise.example";
            try (var user = db.prepareStatement("INSERT INTO app_user (email, name, password_hash, role, created_at)"
                    + " VALUES (?, 'Pipeline', 'not-a-password', 'MARKETER', now())")) {
                user.setString(1, email);
                user.executeUpdate();
            }
            try (var row = db.prepareStatement("INSERT INTO api_token (user_id, name, token_hash, created_at)"
                    + " SELECT id, 'two instances', ?, now() FROM app_user WHERE email = ?")) {
                row.setString(1, io.leadgate.common.Digests.sha256Hex(token));
                row.setString(2, email);
                row.executeUpdate();
            }
        }
        int first = freePort();
        int second = freePort();
        Path firstLog = Files.createTempFile("leadgate-first", ".log");
        Path secondLog = Files.createTempFile("leadgate-second", ".log");
        Process one = start(production(first), firstLog);
        Process two = start(production(second), secondLog);
        try {
            awaitReady(one, first, firstLog);
            awaitReady(two, second, secondLog);
            String id = "two-instances-" + suffix;
            String yaml = Files.readString(Path.of("src/main/resources/studio/starter.yaml"))
                    .replace("id: starter", "id: " + id)
                    .replace("What do you need most?", "Published on the first instance?");
            HttpResponse<String> saved = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first + "/api/forms/" + id + "/draft"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/yaml")
                            .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, saved.statusCode(), saved.body());
            assertEquals(404, get(second, "/f/" + id).statusCode(), "a draft is served nowhere");

            HttpResponse<String> published = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first + "/api/forms/" + id + "/publish"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, published.statusCode(), published.body());
            long start = System.nanoTime();
            while (get(second, "/f/" + id).statusCode() != 200) {
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "never served by the other");
                Thread.sleep(20);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2_000, "the other instance served it after " + millis + " ms");
            assertTrue(get(second, "/f/" + id).body().contains("Published on the first instance?"));
        } finally {
            one.destroy();
            two.destroy();
            one.waitFor(30, TimeUnit.SECONDS);
            two.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
