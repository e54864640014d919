package io.leadgate.forms;

import io.leadgate.forms.definition.SendWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A step due outside the send window waits for the window's next opening, in the window's own time zone. */
class SendWindowTest {

    private final SendWindow weekdays =
            new SendWindow(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00", "Europe/Berlin");

    @Test
    void insideTheWindowIsNow() {
        Instant wednesdayNoon = Instant.parse("2026-11-25T11:00:00Z");
        assertEquals(wednesdayNoon, weekdays.nextOpening(wednesdayNoon));
    }

    @Test
    void beforeOpeningWaitsForNineInTheMorningThere() {
        assertEquals(
                Instant.parse("2026-11-25T08:00:00Z"), weekdays.nextOpening(Instant.parse("2026-11-25T05:00:00Z")));
    }

    @Test
    void fridayEveningWaitsForMonday() {
        assertEquals(
                Instant.parse("2026-11-30T08:00:00Z"), weekdays.nextOpening(Instant.parse("2026-11-27T16:30:00Z")));
    }

    @Test
    void summerTimeIsRespected() {
        assertEquals(
                Instant.parse("2026-07-01T07:00:00Z"), weekdays.nextOpening(Instant.parse("2026-07-01T03:00:00Z")));
    }

    @Test
    void noDaysOrHoursMeansAnyTime() {
        Instant sundayNight = Instant.parse("2026-11-29T23:59:00Z");
        assertEquals(sundayNight, new SendWindow(null, null, null, "UTC").nextOpening(sundayNight));
    }
}
