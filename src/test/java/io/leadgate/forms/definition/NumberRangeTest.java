package io.leadgate.forms.definition;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A range reads the way people say it, on the scoring ledger and in reports alike. */
class NumberRangeTest {

    private static String described(Double min, Double max) {
        return new NumberRange(min, max, Map.of(), null).describe();
    }

    @Test
    void wholeBoundsReadAsCounts() {
        assertEquals("10 to 49", described(10.0, 50.0));
        assertEquals("50 or more", described(50.0, null));
        assertEquals("below 10", described(null, 10.0));
        assertEquals("5", described(5.0, 6.0), "a range of one whole number");
        assertEquals("-5 to -1", described(-5.0, 0.0));
    }

    @Test
    void fractionalBoundsAreSpeltOut() {
        assertEquals("1.5 to under 2.5", described(1.5, 2.5));
        assertEquals("0 to under 0.5", described(0.0, 0.5));
        assertEquals("below 2.5", described(null, 2.5));
        assertEquals("2.5 or more", described(2.5, null));
    }
}
