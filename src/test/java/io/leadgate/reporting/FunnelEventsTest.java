package io.leadgate.reporting;

import io.leadgate.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Funnel events reach PostgreSQL through COPY exactly as recorded: values a visitor chose (quotes, commas, backslashes,
 * characters outside the BMP) come back unchanged, absent values stay NULL rather than empty, and an event the
 * database refuses is dropped alone instead of holding back every event queued with it.
 */
@QuarkusTest
class FunnelEventsTest {

    @Inject
    FunnelEvents funnel;

    @Test
    void eventsComeBackAsRecordedWhateverTheVisitorTyped() {
        String form = "copy-" + Long.toString(System.nanoTime(), 36);
        String campaign = "Spring \"Sale\", 50% off \\N \\. ;'--";
        funnel.view(
                form,
                "v1",
                "visit-1",
                7L,
                "B",
                TrafficSource.of(
                        Map.of("utm_source", List.of("news,letter"), "utm_campaign", List.of(campaign)),
                        "https://www.example.com/post",
                        "leadgate.example"));
        funnel.record(form, "v1", FunnelEvent.Type.ANSWER, "budget", null);
        funnel.flush();

        Map<String, Object> view = Db.row("SELECT * FROM funnel_event WHERE form_id = ? AND type = 'view'", form);
        assertEquals("v1", view.get("form_version"));
        assertEquals("visit-1", view.get("visit"));
        assertEquals(7L, ((Number) view.get("experiment_id")).longValue());
        assertEquals("B", view.get("variant"));
        assertEquals("news,letter", view.get("utm_source"));
        assertNull(view.get("utm_medium"));
        assertEquals("spring \"sale\", 50% off \\n \\. ;'--", view.get("utm_campaign"));
        assertEquals("example.com", view.get("referrer_domain"));
        assertNull(view.get("detail"));

        Map<String, Object> answer = Db.row("SELECT * FROM funnel_event WHERE form_id = ? AND type = 'answer'", form);
        assertEquals("budget", answer.get("detail"));
        assertNull(answer.get("visit"));
        assertNull(answer.get("experiment_id"));
        assertNull(answer.get("variant"));
        assertEquals(
                2L,
                Db.count(
                        "SELECT count(*) FROM funnel_event WHERE form_id = ? AND occurred_at > now() - interval '1 minute'",
                        form));
    }

    @Test
    void charactersOutsideTheBmpSurviveBatchesOfAnySize() {
        String form = "emoji-" + Long.toString(System.nanoTime(), 36);
        String fifty = "\uD83D\uDE00".repeat(50);
        // Hundreds of thousands of characters, mostly surrogate pairs: the driver's 64k-character chunks of a Reader
        // would cut some pairs in two and store "??".
        for (int i = 0; i < 2000; i++) {
            funnel.view(
                    form,
                    "v1",
                    "v" + i,
                    null,
                    null,
                    TrafficSource.of(
                            Map.of(
                                    "utm_source", List.of(fifty),
                                    "utm_medium", List.of(fifty),
                                    "utm_campaign", List.of(fifty)),
                            null,
                            null));
        }
        funnel.flush();

        assertEquals(2000L, Db.count("SELECT count(*) FROM funnel_event WHERE form_id = ?", form));
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM funnel_event WHERE form_id = ?"
                                + " AND (utm_source IS DISTINCT FROM ? OR utm_medium IS DISTINCT FROM ?"
                                + " OR utm_campaign IS DISTINCT FROM ?)",
                        form,
                        fifty,
                        fifty,
                        fifty));
    }

    @Test
    void anEventTheDatabaseRefusesIsDroppedAloneAndTheOthersAreStored() {
        String form = "refused-" + Long.toString(System.nanoTime(), 36);
        funnel.record(form, "v1", FunnelEvent.Type.START, null, "before");
        // Longer than form_version's 100 characters: PostgreSQL refuses the row, and would refuse it at every retry.
        funnel.record(form, "v".repeat(101), FunnelEvent.Type.START, null, "refused");
        funnel.record(form, "v1", FunnelEvent.Type.START, null, "after");
        funnel.flush();

        assertEquals(
                List.of("after", "before"),
                Db.rows("SELECT visit FROM funnel_event WHERE form_id = ? ORDER BY visit", form).stream()
                        .map(row -> row.get("visit"))
                        .toList());

        funnel.record(form, "v1", FunnelEvent.Type.START, null, "later");
        funnel.flush();
        assertEquals(1L, Db.count("SELECT count(*) FROM funnel_event WHERE form_id = ? AND visit = 'later'", form));
    }
}
