package io.leadgate.delivery;

import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestPorts;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the outbox must survive besides failing receivers: replies it cannot store, webhooks reordered while messages
 * wait, an instance stopping mid-send, and a worker that outlived its lease.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class DeliveryEdgesTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxWorker worker;

    @Inject
    AttemptRecorder recorder;

    @Inject
    DataSource dataSource;

    private String queue(String endpointKey, String body) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.webhook(
                                "lead.erased",
                                "edge-subject",
                                "http://127.0.0.1:" + TestPorts.receiver(),
                                endpointKey,
                                body)
                        .messageId);
    }

    /** A webhook message not due for an hour, leased to the worker until then, as a worker that claimed it holds it. */
    private OutboxMessage leased(String subject, String owner, Instant until) {
        String id = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage message =
                    outbox.webhook("lead.erased", subject, "http://127.0.0.1", "delivery-test/webhooks/retry", "{}");
            message.nextAttemptAt = Instant.now().plusSeconds(3600);
            message.leaseOwner = owner;
            message.leaseUntil = until;
            return message.messageId;
        });
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.<OutboxMessage>find("messageId", id).firstResult());
    }

    private static Map<String, Object> message(String messageId) {
        return Db.row("SELECT * FROM outbox_message WHERE message_id = ?", messageId);
    }

    @Test
    void aReplyWithANulByteIsRecordedOnceAndNotSentAgain() throws InterruptedException {
        Receiver.get().replyWith("/hooks/nul", "{\"ok\":true}\u0000\uD800 trailing");
        String id = queue("delivery-test/webhooks/nul", "{\"n\":\"nul\"}");
        Eventually.holds(() -> "DELIVERED".equals(message(id).get("status")), "delivered");
        Map<String, Object> attempt = Db.row("SELECT * FROM delivery_attempt WHERE message_id = ?", id);
        assertEquals("delivered", attempt.get("outcome"));
        assertTrue(attempt.get("response_excerpt").toString().startsWith("{\"ok\":true}\uFFFD"), attempt.toString());
        Thread.sleep(1500);
        assertEquals(
                1,
                Receiver.get().to("/hooks/nul").stream()
                        .filter(r -> id.equals(r.header("webhook-id")))
                        .count());
    }

    @Test
    void aMessageWaitingForAnEndpointReachesItWhenWebhooksAreReordered() throws IOException {
        Path form = Path.of("target", "test-forms", "reorder-test.yaml").toAbsolutePath();
        String receiver = "${LEADGATE_SECRET_TEST_RECEIVER}";
        String head = """
                id: reorder-test
                title: Reorder test
                dimensions: {fit: {max: 10}}
                steps:
                  - id: only
                    questions:
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing:
                  qualified:
                    webhooks:
                """;
        String first = "      - {id: first, url: \"" + receiver
                + "/hooks/first\", secret: \"${LEADGATE_SECRET_TEST_WEBHOOK}\"}\n";
        String second = "      - {id: second, url: \"" + receiver
                + "/hooks/second\", secret: \"${LEADGATE_SECRET_TEST_WEBHOOK}\"}\n";
        String added = "      - {id: added, url: \"" + receiver
                + "/hooks/added\", secret: \"${LEADGATE_SECRET_TEST_WEBHOOK}\"}\n";
        Files.writeString(form, head + first + second);
        Eventually.holds(() -> io.restassured.RestAssured.get("/f/reorder-test").statusCode() == 200, "the form loads");

        String id = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage message = outbox.webhook(
                    "lead.qualified", "reorder-subject", "http://127.0.0.1", "reorder-test/webhooks/second", "{}");
            message.nextAttemptAt = Instant.now().plusSeconds(3600);
            return message.messageId;
        });
        Files.writeString(form, head + added + second + first);
        Eventually.holds(
                () -> io.restassured.RestAssured.get("/f/reorder-test")
                                .asString()
                                .contains("Reorder test")
                        && Files.exists(form),
                "reloaded");
        try {
            Thread.sleep(2500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Db.update("UPDATE outbox_message SET next_attempt_at = now() WHERE message_id = ?", id);
        Eventually.holds(() -> "DELIVERED".equals(message(id).get("status")), "delivered");
        assertEquals(
                1,
                Receiver.get().to("/hooks/second").stream()
                        .filter(r -> id.equals(r.header("webhook-id")))
                        .count());
        assertEquals(0, Receiver.get().to("/hooks/added").size());
        assertEquals(0, Receiver.get().to("/hooks/first").size());
        Files.deleteIfExists(form);
    }

    @Test
    void aSendInFlightKeepsItsLeaseWhenTheInstanceReleasesItsClaims() {
        Receiver.get().delay("/hooks/slow", 3000);
        String id = queue("delivery-test/webhooks/slow", "{\"n\":\"slow\"}");
        Eventually.holds(
                () -> Receiver.get().to("/hooks/slow").stream().anyMatch(r -> id.equals(r.header("webhook-id"))),
                "the send is in flight");
        String holder = (String) message(id).get("lease_owner");
        worker.releaseIdleClaims(holder == null ? worker.owner() : holder);
        assertEquals(holder, message(id).get("lease_owner"), "the message being sent keeps its lease");
        worker.runOnce("another-instance");
        assertEquals(holder, message(id).get("lease_owner"), "so no other instance takes it over");
        Eventually.holds(() -> "DELIVERED".equals(message(id).get("status")), "delivered");
        assertEquals(
                1,
                Receiver.get().to("/hooks/slow").stream()
                        .filter(r -> id.equals(r.header("webhook-id")))
                        .count());
    }

    @Test
    void aLateRecordWaitsForAClaimBeingMadeAndLeavesIt() throws Exception {
        OutboxMessage sent = leased("race-subject", "worker-a", Instant.now().minusSeconds(1));
        String id = sent.messageId;
        // Worker b is claiming the message (its lease ran out) and has not committed yet when worker a, late, records
        // its attempt.
        try (Connection claiming = dataSource.getConnection()) {
            claiming.setAutoCommit(false);
            try (PreparedStatement claim =
                    claiming.prepareStatement("UPDATE outbox_message SET lease_owner = 'worker-b',"
                            + " lease_until = now() + interval '1 minute' WHERE message_id = ?")) {
                claim.setString(1, id);
                claim.executeUpdate();
            }
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> recorder.record(
                    sent, "worker-a", Instant.now(), SendResult.retry(503, "HTTP 503", null, null), null));
            Thread.sleep(1000);
            claiming.commit();
            late.get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> after = message(id);
        assertEquals("worker-b", after.get("lease_owner"), "the claim made meanwhile stands");
        assertEquals(0, after.get("attempts"));
        assertEquals(
                "late",
                Db.row("SELECT outcome FROM delivery_attempt WHERE message_id = ?", id)
                        .get("outcome"));
    }

    @Test
    void aWorkerThatLostItsLeaseOnlyLogsItsAttempt() {
        OutboxMessage stale = leased("late-subject", "worker-b", Instant.now().plusSeconds(60));
        String id = stale.messageId;
        recorder.record(stale, "worker-a", Instant.now(), SendResult.permanent(500, "HTTP 500", null), null);
        Map<String, Object> after = message(id);
        assertEquals("PENDING", after.get("status"), "the late worker does not overwrite the message");
        assertEquals("worker-b", after.get("lease_owner"));
        assertEquals(0, after.get("attempts"));
        assertEquals(
                "late",
                Db.row("SELECT outcome FROM delivery_attempt WHERE message_id = ?", id)
                        .get("outcome"));
    }
}
