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
 * Funnel events reach PostgreSQL through COPY exactly as recorded: values a visitor chose (quotes, commas, a backslash,
 * text that reads like COPY's NULL) come back unchanged, and absent values stay NULL rather than empty.
 */
@QuarkusTest
class FunnelEventsTest {

    @Inject
    FunnelEvents funnel;

    @Test
    void eventsComeBackAsRecordedWhateverTheVisitorTyped() {
        String form = "copy-" + Long.toString(System.nanoTime(), 36);
        String campaign = "spring \"sale\", 50% off \\N \\. ;'--";
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
        assertEquals(TrafficSource.value(campaign), view.get("utm_campaign"));
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
}
