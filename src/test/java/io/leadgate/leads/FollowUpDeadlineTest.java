package io.leadgate.leads;

import io.leadgate.reporting.Report;
import io.leadgate.reporting.Reports;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follow-up deadlines over real SMTP: a lead Ana does not accept within two seconds moves to Ben exactly once while
 * several pollers (this instance's scheduler and two more, as on other instances) race for it; Ben is alerted, Ana and
 * sales are told, the timeline says so. An accepted lead stays; when nobody is left, sales hears it once.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class FollowUpDeadlineTest {

    private static final String ANA = "ana@deadline-test.example";
    private static final String BEN = "ben@deadline-test.example";
    private static final String SALES = "sales@deadline-test.example";

    @Inject
    FollowUpDeadlines deadlines;

    @Inject
    Reports reports;

    @BeforeAll
    static void smtp() {
        Mailbox.get();
    }

    private static String submit(String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers", Map.of("fit", "yes", "name", name, "email", DemoAnswers.uniqueEmail("deadline"))))
                .post("/api/forms/deadline-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private static long leadKey(String leadId) {
        return ((Number) Db.row("SELECT id FROM lead WHERE public_id = ?", leadId)
                        .get("id"))
                .longValue();
    }

    private static List<Map<String, Object>> turns(long lead) {
        return Db.rows("SELECT * FROM follow_up WHERE lead_id = ? ORDER BY id", lead);
    }

    /** The emails to {@code to} about a lead, once each (GreenMail keeps a copy per recipient). */
    private static List<MimeMessage> mails(String to, String about) {
        Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
        Mailbox.to(to).stream()
                .filter(m -> {
                    String text = Mails.text(m);
                    return text != null && text.contains(about);
                })
                .forEach(m -> {
                    try {
                        byId.putIfAbsent(m.getMessageID(), m);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return List.copyOf(byId.values());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long events(long lead, String type) {
        return Db.count("SELECT count(*) FROM lead_event WHERE lead_id = ? AND type = ?", lead, type);
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
    }

    private static Instant due(Map<String, Object> turn) {
        return instant(Db.row("SELECT due_at FROM follow_up WHERE id = ?", turn.get("id"))
                .get("due_at"));
    }

    private void sleepUntil(Instant moment) throws InterruptedException {
        long wait = moment.toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Two pollers at the same moment, as two instances would: returns how many leads they moved together. */
    private int twoInstancesAt(Instant now) throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            Callable<Integer> run = () -> {
                together.await();
                return deadlines.runOnce(now);
            };
            int moved = 0;
            for (Future<Integer> result : instances.invokeAll(List.of(run, run))) {
                moved += result.get();
            }
            return moved;
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void aLeadNotAcceptedInTimeMovesToTheNextRepExactlyOnceAndBothAreTold() throws Exception {
        String name = "Fiona Deadline " + System.nanoTime();
        String leadId = submit(name);
        long lead = leadKey(leadId);
        assertEquals(
                ANA, Db.row("SELECT assigned_rep FROM lead WHERE id = ?", lead).get("assigned_rep"));
        Map<String, Object> first = turns(lead).getFirst();
        assertEquals(ANA, first.get("rep_email"));
        Instant alerted = instant(first.get("alerted_at"));
        Instant due = due(first);
        assertTrue(
                Math.abs(due.toEpochMilli() - alerted.plusSeconds(2).toEpochMilli()) < 50,
                "two seconds after the alert: " + alerted + " / " + due);
        Eventually.holds(() -> mails(ANA, leadId).size() == 1, "Ana's alert");

        assertEquals(0, deadlines.runOnce(due.minusMillis(500)), "nothing moves before the deadline");
        sleepUntil(due.plusMillis(100));
        twoInstancesAt(Instant.now());
        Eventually.holds(() -> events(lead, "reassigned") == 1, "the lead moved");
        // Ben accepts straight away (as the feedback link records it), well within his own two seconds.
        Db.update(
                "INSERT INTO sales_feedback (lead_id, outcome, recorded_by, recorded_at) VALUES (?, 'accepted', ?,"
                        + " now())",
                lead,
                BEN);
        assertEquals(0, twoInstancesAt(Instant.now()), "once moved, the passed deadline is no longer due anywhere");

        assertEquals(
                BEN, Db.row("SELECT assigned_rep FROM lead WHERE id = ?", lead).get("assigned_rep"));
        List<Map<String, Object>> turns = turns(lead);
        assertEquals(2, turns.size(), turns.toString());
        assertEquals("reassigned", turns.get(0).get("ended"));
        assertNull(turns.get(0).get("due_at"));
        assertEquals(BEN, turns.get(1).get("rep_email"));
        assertEquals(1, turns.get(1).get("turn"));
        assertEquals(1L, events(lead, "reassigned"));
        assertTrue(
                String.valueOf(Db.row("SELECT detail FROM lead_event WHERE lead_id = ? AND type = 'reassigned'", lead)
                                .get("detail"))
                        .contains(ANA + " to " + BEN));

        Eventually.holds(() -> mails(BEN, leadId).size() == 1, "Ben's alert");
        MimeMessage bens = mails(BEN, leadId).getFirst();
        assertTrue(subject(bens).startsWith("Reassigned to you: Qualified lead: " + name), subject(bens));
        assertTrue(Mails.text(bens).contains("Ana (" + ANA + ") was alerted at"), Mails.text(bens));
        assertTrue(Mails.text(bens).contains("not accepted within 2 seconds"), Mails.text(bens));
        assertTrue(Mails.html(bens).contains("Reassigned to you"));
        assertTrue(Mails.text(bens).contains("/feedback/"), "Ben can accept it with one click");
        Eventually.holds(() -> mails(ANA, leadId).size() == 2, "Ana is told");
        MimeMessage notice = mails(ANA, leadId).stream()
                .filter(m -> subject(m).startsWith("Reassigned to Ben"))
                .findFirst()
                .orElseThrow();
        assertTrue(Mails.text(notice).contains("gave the lead to Ben (" + BEN + ")"), Mails.text(notice));
        Eventually.holds(() -> mails(SALES, leadId).size() == 2, "sales gets the alert and the notice");

        // Ben accepted: his deadline passes without anything happening, on any number of instances.
        sleepUntil(due(turns.get(1)).plusMillis(100));
        twoInstancesAt(Instant.now());
        Eventually.holds(() -> "accepted".equals(turns(lead).get(1).get("ended")), "Ben's deadline ends as accepted");
        Thread.sleep(1_500);
        assertEquals(1, mails(BEN, leadId).size());
        assertEquals(2, mails(ANA, leadId).size());
        assertEquals(2, mails(SALES, leadId).size());
        assertEquals(
                3L,
                Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND channel = 'EMAIL'", leadId),
                "the first alert, Ben's alert and the notice");

        // Time to first human response: Ben's acceptance counts for Ben, from his own alert; Ana's lead moved on.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Report report = reports.of("deadline-test", today.minusDays(1), today.plusDays(1), null)
                .orElseThrow();
        Report.RepResponse bensResponse = report.firstResponse().stream()
                .filter(r -> r.rep().equals(BEN))
                .findFirst()
                .orElseThrow();
        assertTrue(bensResponse.toAccept().count() >= 1, bensResponse.toString());
        assertTrue(bensResponse.toAccept().medianSeconds() < 2, "accepted within his two seconds: " + bensResponse);
        assertTrue(
                bensResponse.toAccept().p90Seconds() >= bensResponse.toAccept().medianSeconds());
        Report.RepResponse anas = report.firstResponse().stream()
                .filter(r -> r.rep().equals(ANA))
                .findFirst()
                .orElseThrow();
        assertTrue(anas.reassigned() >= 1, anas.toString());
        assertTrue(anas.alerts() >= anas.reassigned());
    }

    @Test
    void aLeadAcceptedBeforeItsDeadlineStaysWithItsRep() throws Exception {
        long lead = leadKey(submit("Gus Accepted"));
        Db.update(
                "INSERT INTO sales_feedback (lead_id, outcome, recorded_by, recorded_at) VALUES (?, 'accepted', ?,"
                        + " now())",
                lead,
                ANA);
        sleepUntil(due(turns(lead).getFirst()).plusMillis(100));
        twoInstancesAt(Instant.now());
        Eventually.holds(() -> "accepted".equals(turns(lead).getFirst().get("ended")), "the deadline ended");
        assertEquals(1, turns(lead).size());
        assertEquals(
                ANA, Db.row("SELECT assigned_rep FROM lead WHERE id = ?", lead).get("assigned_rep"));
        assertEquals(0L, events(lead, "reassigned"));
    }

    @Test
    void whenEveryRepHadTheLeadSalesIsToldOnceAndItStays() throws Exception {
        String name = "Hana Nobody " + System.nanoTime();
        String leadId = submit(name);
        long lead = leadKey(leadId);
        // Ana, then Ben (Dan is away): after Ben's two seconds nobody is left.
        Eventually.holds(() -> events(lead, "follow-up.missed") == 1, "the second deadline passed");
        Thread.sleep(1_500);
        assertEquals(1L, events(lead, "reassigned"));
        assertEquals(1L, events(lead, "follow-up.missed"));
        assertEquals(
                BEN, Db.row("SELECT assigned_rep FROM lead WHERE id = ?", lead).get("assigned_rep"));
        assertEquals("nobody-left", turns(lead).getLast().get("ended"));
        assertEquals(2, turns(lead).size(), "nobody gets the lead a second time");
        Eventually.holds(
                () -> mails(SALES, leadId).stream()
                                .filter(m -> subject(m).startsWith("Still not accepted"))
                                .count()
                        == 1,
                "sales hears that nobody is left");
        assertTrue(mails(BEN, leadId).stream().anyMatch(m -> subject(m).startsWith("Still not accepted")));
    }
}
