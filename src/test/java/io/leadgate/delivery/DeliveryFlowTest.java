package io.leadgate.delivery;

import com.standardwebhooks.Webhook;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestPorts;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery on real components: PostgreSQL, GreenMail over SMTP, and an HTTP receiver on loopback. Each webhook
 * index of the delivery-test form plays one behaviour of the receiver.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class DeliveryFlowTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxWorker worker;

    @Inject
    io.leadgate.cli.ReplayCommand replayCommand;

    @BeforeAll
    static void servers() {
        Mailbox.get();
        Receiver.get();
    }

    private static void eventually(BooleanSupplier condition, String what) {
        Eventually.holds(condition, what);
    }

    /** Queues a webhook to the delivery-test form's endpoint with this id, as a committed transaction. */
    private String queue(String endpoint, String body) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.webhook(
                                "lead.erased",
                                "test-subject",
                                "http://127.0.0.1:" + TestPorts.receiver(),
                                "delivery-test/webhooks/" + endpoint,
                                body)
                        .messageId);
    }

    private static Map<String, Object> message(String messageId) {
        return Db.row("SELECT * FROM outbox_message WHERE message_id = ?", messageId);
    }

    private static HttpHeaders headers(Receiver.Request request) {
        return HttpHeaders.of(
                Map.of(
                        "webhook-id",
                        List.of(request.header("webhook-id")),
                        "webhook-timestamp",
                        List.of(request.header("webhook-timestamp")),
                        "webhook-signature",
                        List.of(request.header("webhook-signature"))),
                (a, b) -> true);
    }

    @Test
    void aQualifiedLeadReachesSalesByEmailSignedWebhookAndChat() throws Exception {
        String email = DemoAnswers.uniqueEmail("delivered");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers", Map.of("fit", "yes", "name", "Ana\r\nBcc: victim@evil.example", "email", email)))
                .post("/api/forms/delivery-test/submissions")
                .then()
                .statusCode(422);
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "yes", "name", "Ana Silva", "company", "<b>Acme</b> & Co", "email", email)))
                .post("/api/forms/delivery-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");

        eventually(
                () -> !Mailbox.to("sales@test.example").stream()
                        .filter(m -> {
                            try {
                                return m.getReplyTo()[0].toString().equals(email);
                            } catch (Exception e) {
                                return false;
                            }
                        })
                        .toList()
                        .isEmpty(),
                "the sales alert email");
        MimeMessage alert = Mailbox.to("sales@test.example").stream()
                .filter(m -> {
                    try {
                        return m.getReplyTo()[0].toString().equals(email);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        assertEquals("Qualified lead: Ana Silva, <b>Acme</b> & Co (score 100) via Delivery test", alert.getSubject());
        assertEquals(null, alert.getHeader("Bcc"), "no header injected from answers");
        String messageId = Db.row(
                        "SELECT message_id FROM outbox_message WHERE subject_ref = ? AND channel = 'EMAIL'", leadId)
                .get("message_id")
                .toString();
        assertEquals("<" + messageId + "@leadgate>", alert.getMessageID());
        String text = Mails.text(alert);
        String html = Mails.html(alert);
        assertTrue(text != null && text.contains("Fit?: Yes") && text.contains("Fit? Yes: +100 fit"), text);
        assertTrue(text.contains("http://localhost:8080/admin/leads/" + leadId), text);
        assertTrue(
                html != null && html.contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co") && !html.contains("<b>Acme</b>"),
                html);

        eventually(
                () -> Receiver.get().to("/hooks/main").stream()
                        .anyMatch(r -> r.body().contains(leadId)),
                "the signed webhook");
        Receiver.Request webhook = Receiver.get().to("/hooks/main").stream()
                .filter(r -> r.body().contains(leadId))
                .findFirst()
                .orElseThrow();
        assertDoesNotThrow(() -> new Webhook(TestPorts.WEBHOOK_SECRET).verify(webhook.body(), headers(webhook)));
        assertTrue(webhook.body().startsWith("{\"type\":\"lead.qualified\""), webhook.body());
        assertTrue(webhook.body().contains("\"ledger\":[{\"question\":\"fit\""), webhook.body());
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                        com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(java.nio.file.Path.of(
                                        "src/main/resources/META-INF/resources/schemas/webhook-payload.schema.json")
                                .toFile()));
        assertEquals(
                Set.of(),
                schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(webhook.body())),
                "the payload matches its published JSON Schema");

        eventually(
                () -> Receiver.get().to("/hooks/slack").stream()
                        .anyMatch(r -> r.body().contains(leadId)),
                "the Slack message");
        Receiver.Request chat = Receiver.get().to("/hooks/slack").stream()
                .filter(r -> r.body().contains(leadId))
                .findFirst()
                .orElseThrow();
        assertTrue(chat.body().contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co"), chat.body());
        assertEquals(null, chat.header("webhook-signature"), "chat webhooks are not signed");
        org.junit.jupiter.api.Assertions.assertTrue(
                io.leadgate.testing.Metrics.scrape().contains("leadgate_speed_to_lead_seconds_count"));
        eventually(
                () -> Db.count(
                                "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                        + " AND e.type IN ('alerted.email', 'alerted.webhook')",
                                leadId)
                        >= 3,
                "the timeline to show the alerts sent");
    }

    @Test
    void anEndpointWithAConditionHearsOnlyOfTheLeadsThatMeetIt() {
        String withCompany = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "yes", "company", "Acme", "email", DemoAnswers.uniqueEmail("cond-yes"))))
                .post("/api/forms/delivery-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String withoutCompany = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "email", DemoAnswers.uniqueEmail("cond-no"))))
                .post("/api/forms/delivery-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        eventually(
                () -> Receiver.get().to("/hooks/conditional").stream()
                        .anyMatch(r -> r.body().contains(withCompany)),
                "the conditional webhook");
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND endpoint_key = 'delivery-test/webhooks/conditional'",
                        withoutCompany));
    }

    @Test
    void aReceiverAnswering500Then500Then200GetsThreeAttemptsWithOneId() {
        Receiver.get().answer("/hooks/retry", 500, 500);
        String id = queue("retry", "{\"n\":\"retry\"}");
        eventually(() -> "DELIVERED".equals(message(id).get("status")), "delivery after two failures");
        List<Receiver.Request> attempts = Receiver.get().to("/hooks/retry").stream()
                .filter(r -> id.equals(r.header("webhook-id")))
                .toList();
        assertEquals(3, attempts.size());
        assertEquals(
                List.of("retry", "retry", "delivered"),
                Db.rows("SELECT outcome FROM delivery_attempt WHERE message_id = ? ORDER BY attempt", id).stream()
                        .map(r -> r.get("outcome"))
                        .toList());
        assertEquals(
                500,
                Db.rows("SELECT status_code FROM delivery_attempt WHERE message_id = ? ORDER BY attempt", id)
                        .getFirst()
                        .get("status_code"));
        assertTrue(Db.rows("SELECT response_excerpt FROM delivery_attempt WHERE message_id = ?", id)
                .getFirst()
                .get("response_excerpt")
                .toString()
                .contains("\"status\":500"));
        attempts.forEach(
                r -> assertDoesNotThrow(() -> new Webhook(TestPorts.WEBHOOK_SECRET).verify(r.body(), headers(r))));
    }

    @Test
    void aRedirectIsAFailureAndIsNeverFollowed() {
        Receiver.get().answer("/hooks/redirect", 302, 302, 302);
        String id = queue("redirect", "{\"n\":\"redirect\"}");
        eventually(() -> "FAILED".equals(message(id).get("status")), "the redirected message to fail");
        assertEquals(0, Receiver.get().to("/hooks/elsewhere").size());
        assertEquals("302 redirect (not followed)", message(id).get("last_error"));
    }

    @Test
    void a410DisablesTheEndpoint() {
        Receiver.get().answer("/hooks/gone", 410);
        String first = queue("gone", "{\"n\":\"gone-1\"}");
        eventually(() -> "FAILED".equals(message(first).get("status")), "the 410 to fail the message");
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM webhook_endpoint_state WHERE endpoint_key = 'delivery-test/webhooks/gone'"));
        String second = queue("gone", "{\"n\":\"gone-2\"}");
        eventually(
                () -> "FAILED".equals(message(second).get("status")),
                "the next message to a disabled endpoint to be held");
        assertEquals("endpoint disabled", message(second).get("last_error"));
        assertEquals(1, Receiver.get().to("/hooks/gone").size());
    }

    @Test
    void anEndpointFailingUntilTheScheduleRunsOutIsDisabledItsOwnersToldAndAReplayKeepsTheId() throws Exception {
        Receiver.get().answer("/hooks/replay", 500, 500, 500);
        String id = queue("replay", "{\"n\":\"replay\"}");
        eventually(() -> "FAILED".equals(message(id).get("status")), "the schedule to run out");
        assertEquals(3, Receiver.get().to("/hooks/replay").size());
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM webhook_endpoint_state WHERE endpoint_key = 'delivery-test/webhooks/replay'"));
        eventually(
                () -> Mailbox.to("sales@test.example").stream().anyMatch(m -> {
                    try {
                        // The webhook's host only: chat webhook URLs carry their secret in the path.
                        return m.getSubject().startsWith("Webhook disabled after failing")
                                && m.getSubject().endsWith("http://127.0.0.1:" + TestPorts.receiver())
                                && !io.leadgate.testing.Mails.text(m).contains("/hooks/replay");
                    } catch (Exception e) {
                        return false;
                    }
                }),
                "the owners' email about the disabled endpoint");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = replayCommand.run(
                new String[] {"replay", "--enable", "delivery-test/webhooks/replay", id},
                new java.io.PrintStream(out, true),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertEquals(0, exit);
        assertTrue(out.toString().contains("queued again with the same id"), out.toString());
        eventually(() -> "DELIVERED".equals(message(id).get("status")), "the replayed message");
        assertEquals(
                Set.of(id),
                Receiver.get().to("/hooks/replay").stream()
                        .map(r -> r.header("webhook-id"))
                        .collect(Collectors.toSet()));
        assertEquals(4L, Db.count("SELECT count(*) FROM delivery_attempt WHERE message_id = ?", id));
    }

    @Test
    void twoWorkersDrainingOneOutboxNeverSendAMessageTwice() throws Exception {
        List<String> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 60; i++) {
                ids.add(outbox.webhook(
                                "lead.erased",
                                "test-subject",
                                "x",
                                "delivery-test/webhooks/concurrent",
                                "{\"n\":" + i + "}")
                        .messageId);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> drains = new ArrayList<>();
        for (String name : List.of("instance-a", "instance-b")) {
            drains.add(pool.submit(() -> {
                while (Db.count(
                                "SELECT count(*) FROM outbox_message WHERE endpoint_key = 'delivery-test/webhooks/concurrent' AND status = 'PENDING'")
                        > 0) {
                    worker.runOnce(name);
                }
            }));
        }
        for (Future<?> drain : drains) {
            drain.get();
        }
        pool.shutdown();
        List<String> received = Receiver.get().to("/hooks/concurrent").stream()
                .map(r -> r.header("webhook-id"))
                .toList();
        assertEquals(new HashSet<>(ids), new HashSet<>(received));
        assertEquals(ids.size(), received.size(), "each message sent exactly once");
        assertEquals(
                60L,
                Db.count("SELECT count(*) FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                        + " WHERE m.endpoint_key = 'delivery-test/webhooks/concurrent'"));
    }

    @Test
    void aWorkerKilledBetweenClaimAndSendLosesNothing() {
        Instant leaseEnds = Instant.now().plus(Duration.ofSeconds(3));
        // Committed together with a claim by a worker that dies before sending: nobody else may touch it until the
        // lease ends.
        String id = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage message = outbox.webhook(
                    "lead.erased", "test-subject", "x", "delivery-test/webhooks/crash", "{\"n\":\"crash\"}");
            message.leaseOwner = "crashed-worker";
            message.leaseUntil = leaseEnds;
            return message.messageId;
        });
        eventually(
                () -> "DELIVERED".equals(message(id).get("status")),
                "the abandoned message to be delivered after its lease");
        List<Receiver.Request> received = Receiver.get().to("/hooks/crash").stream()
                .filter(r -> id.equals(r.header("webhook-id")))
                .toList();
        assertEquals(1, received.size());
        assertTrue(
                received.getFirst().receivedAtMillis() >= leaseEnds.toEpochMilli(),
                "taken over only after the lease ended");
    }
}
