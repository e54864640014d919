package io.leadgate.scoring;

import java.time.Instant;
import java.util.List;

/** What a prospect answered to one question (several values for multiple choice), and when. */
public record Answer(List<String> values, Instant answeredAt) {

    public Answer {
        values = List.copyOf(values);
    }

    public static Answer of(Instant answeredAt, String... values) {
        return new Answer(List.of(values), answeredAt);
    }

    public String first() {
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Whether the prospect gave any non-blank value. */
    public boolean isGiven() {
        return values.stream().anyMatch(v -> v != null && !v.isBlank());
    }
}
