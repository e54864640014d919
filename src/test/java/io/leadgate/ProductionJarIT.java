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
import java.util.List;
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

    private HttpResponse<String> send(int port, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", path.endsWith("/draft") ? "application/yaml" : "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String single(String sql, String parameter) throws Exception {
        try (java.sql.Connection db = TestDatabase.server().connect();
                var query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void twoInstancesShareTheStoreAndTheReevaluationJob() throws Exception {
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
        Map<String, String> firstEnv = production(first);
        Map<String, String> secondEnv = production(second);
        for (Map<String, String> env : List.of(firstEnv, secondEnv)) {
            env.put("LEADGATE_REEVALUATION_EVERY", "1s");
            env.put("LEADGATE_REEVALUATION_DELAY", "1s");
        }
        Process one = start(firstEnv, firstLog);
        Process two = start(secondEnv, secondLog);
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

            // Both instances re-evaluate stored leads every second: an aged lead moves to nurture once, with one
            // webhook.
            String aging = "aging-" + suffix;
            String agingYaml = Files.readString(Path.of("src/main/resources/studio/starter.yaml"))
                    .replace("id: starter", "id: " + aging)
                    .replace("half-life: P60D", "decay: P90D")
                    .replace("qualified: {min: 70}", "qualified: {min: 80}")
                    .replace(
                            "    email: [sales@example.com]",
                            "    email: [sales@example.com]\n    webhooks:\n      - {id: crm, url: \"https://crm.example.com/hooks\","
                                    + " secret: \"${LEADGATE_SECRET_SALES_WEBHOOK}\", events: [lead.nurtured]}");
            assertEquals(
                    200,
                    send(first, "PUT", "/api/forms/" + aging + "/draft", token, agingYaml)
                            .statusCode());
            assertEquals(
                    201,
                    send(first, "POST", "/api/forms/" + aging + "/publish", token, null)
                            .statusCode());
            HttpResponse<String> lead = send(
                    first,
                    "POST",
                    "/api/forms/" + aging + "/submissions",
                    null,
                    "{\"answers\": {\"need\": \"solve-now\", \"desire\": 5, \"timeframe\": \"this-month\","
                            + " \"name\": \"Ana\", \"email\": \"aging-" + suffix + "@example.com\"}}");
            assertEquals(201, lead.statusCode(), lead.body());
            String leadId = lead.body().replaceAll("(?s).*\"lead_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            try (java.sql.Connection db = TestDatabase.server().connect();
                    var aged = db.prepareStatement("UPDATE submission SET submitted_at = submitted_at - interval"
                            + " '100 days' WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)")) {
                aged.setString(1, leadId);
                aged.executeUpdate();
            }
            long moving = System.nanoTime();
            while (!"nurture".equals(single("SELECT verdict FROM lead WHERE public_id = ?", leadId))) {
                assertTrue(System.nanoTime() - moving < TimeUnit.SECONDS.toNanos(60), "the lead never moved");
                Thread.sleep(200);
            }
            Thread.sleep(3_000);
            assertEquals(
                    "1",
                    single(
                            "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                    + " AND e.type = 'reevaluated'",
                            leadId));
            assertEquals(
                    "1",
                    single(
                            "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND channel = 'WEBHOOK'"
                                    + " AND event_type = 'lead.nurtured'",
                            leadId));
        } finally {
            one.destroy();
            two.destroy();
            one.waitFor(30, TimeUnit.SECONDS);
            two.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A marketer's API token, straight in the database both instances share. */
    private static String marketerToken(String suffix) throws Exception {
        String token = "lg_follow-up-" + java.util.UUID.randomUUID();
        try (java.sql.Connection db = TestDatabase.server().connect()) {
            String email = "deadline-" + suffix + "@pipewise.example";
            try (var user = db.prepareStatement("INSERT INTO app_user (email, name, password_hash, role, created_at)"
                    + " VALUES (?, 'Deadline', 'not-a-password', 'MARKETER', now())")) {
                user.setString(1, email);
                user.executeUpdate();
            }
            try (var row = db.prepareStatement("INSERT INTO api_token (user_id, name, token_hash, created_at)"
                    + " SELECT id, 'follow-up', ?, now() FROM app_user WHERE email = ?")) {
                row.setString(1, io.leadgate.common.Digests.sha256Hex(token));
                row.setString(2, email);
                row.executeUpdate();
            }
        }
        return token;
    }

    private static Map<String, String> followUpInstance(int port) {
        Map<String, String> env = production(port);
        env.put("LEADGATE_FOLLOW_UP_POLL_INTERVAL", "1s");
        env.put("LEADGATE_FOLLOW_UP_MAX_REASSIGNMENTS", "1");
        return env;
    }

    private static void stop(Process... apps) throws InterruptedException {
        for (Process app : apps) {
            app.destroy();
        }
        for (Process app : apps) {
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFollowUpDeadlineMovesALeadOnceAcrossTwoInstancesAndRestarts() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String token = marketerToken(suffix);
        int first = freePort();
        int second = freePort();
        Path firstLog = Files.createTempFile("leadgate-deadline-first", ".log");
        Path secondLog = Files.createTempFile("leadgate-deadline-second", ".log");
        Process one = start(followUpInstance(first), firstLog);
        Process two = start(followUpInstance(second), secondLog);
        try {
            awaitReady(one, first, firstLog);
            awaitReady(two, second, secondLog);
            String id = "deadline-" + suffix;
            String ana = "ana-" + suffix + "@pipewise.example";
            String ben = "ben-" + suffix + "@pipewise.example";
            String yaml = Files.readString(Path.of("src/main/resources/studio/starter.yaml"))
                    .replace("id: starter", "id: " + id)
                    .replace(
                            "    email: [sales@example.com]",
                            "    email: [sales@example.com]\n    follow-up: PT6S\n    assignment:\n      strategy: fixed\n"
                                    + "      reps:\n        - {email: " + ana + ", name: Ana}\n"
                                    + "        - {email: " + ben + ", name: Ben}");
            HttpResponse<String> saved = send(first, "PUT", "/api/forms/" + id + "/draft", token, yaml);
            assertEquals(200, saved.statusCode(), saved.body());
            HttpResponse<String> published = send(first, "POST", "/api/forms/" + id + "/publish", token, null);
            assertEquals(201, published.statusCode(), published.body());
            long served = System.nanoTime();
            while (get(second, "/f/" + id).statusCode() != 200) {
                assertTrue(System.nanoTime() - served < TimeUnit.SECONDS.toNanos(10), "never served by the other");
                Thread.sleep(50);
            }
            HttpResponse<String> lead = send(
                    first,
                    "POST",
                    "/api/forms/" + id + "/submissions",
                    null,
                    "{\"answers\": {\"need\": \"solve-now\", \"desire\": 5, \"timeframe\": \"this-month\","
                            + " \"name\": \"Dora\", \"email\": \"dora-" + suffix + "@example.com\"}}");
            assertEquals(201, lead.statusCode(), lead.body());
            String leadId = lead.body().replaceAll("(?s).*\"lead_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertEquals(ana, single("SELECT assigned_rep FROM lead WHERE public_id = ?", leadId));

            // A restart in between: both instances stop before the deadline and it passes while none runs.
            stop(one, two);
            assertEquals(ana, single("SELECT assigned_rep FROM lead WHERE public_id = ?", leadId));
            Thread.sleep(6_000);
            one = start(followUpInstance(first), firstLog);
            two = start(followUpInstance(second), secondLog);
            awaitReady(one, first, firstLog);
            awaitReady(two, second, secondLog);
            long moving = System.nanoTime();
            while (!ben.equals(single("SELECT assigned_rep FROM lead WHERE public_id = ?", leadId))) {
                assertTrue(System.nanoTime() - moving < TimeUnit.SECONDS.toNanos(30), "the lead never moved");
                Thread.sleep(200);
            }
            // And one more restart after the move: nothing is sent again.
            stop(one);
            one = start(followUpInstance(first), firstLog);
            awaitReady(one, first, firstLog);
            Thread.sleep(3_000);
            assertEquals(
                    "1",
                    single(
                            "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                    + " AND e.type = 'reassigned'",
                            leadId));
            assertEquals(
                    ben,
                    single(
                            "SELECT destination FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.reassigned'"
                                    + " AND destination NOT LIKE '%,%'",
                            leadId),
                    "Ben is alerted, once");
            assertEquals(
                    ana + ",sales@example.com",
                    single(
                            "SELECT destination FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.reassigned'"
                                    + " AND destination LIKE '%,%'",
                            leadId),
                    "Ana and sales are told, once");
            assertEquals(
                    "2",
                    single(
                            "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.reassigned'",
                            leadId));
        } finally {
            stop(one, two);
        }
    }
}
