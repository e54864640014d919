package io.leadgate.forms.definition;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An option's {@code requalify-on} turns the moment of answering into the date to invite the prospect again. */
class OptionTest {

    private static Optional<Instant> on(String requalifyOn, String answeredAt) {
        return new Option("x", null, Map.of(), null, requalifyOn).requalifyAt(Instant.parse(answeredAt));
    }

    @Test
    void calendarPeriodsStartOnTheirFirstDay() {
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), on("next-quarter", "2026-11-30T23:59:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-04-01T00:00:00Z")), on("next-quarter", "2026-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-10-01T00:00:00Z")), on("next-quarter", "2026-09-30T12:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-03-01T00:00:00Z")), on("next-month", "2026-02-28T08:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), on("next-year", "2026-06-15T08:00:00Z"));
    }

    @Test
    void periodsCountFromTheAnswer() {
        assertEquals(Optional.of(Instant.parse("2026-05-28T10:00:00Z")), on("P3M", "2026-02-28T10:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-03-14T10:00:00Z")), on("P2W", "2026-02-28T10:00:00Z"));
        assertEquals(Optional.empty(), on(null, "2026-02-28T10:00:00Z"));
    }
}
