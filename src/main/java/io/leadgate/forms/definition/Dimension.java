package io.leadgate.forms.definition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;

/**
 * Something the score measures, such as need or budget, with its cap, weight and how answers age: a cut-off
 * ({@code decay}) after which they stop counting, and/or a {@code half-life} over which they lose half their points.
 */
public record Dimension(
        Text label,
        int max,
        Double weight,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration decay,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration halfLife) {
    public Dimension {
        weight = weight == null ? 1.0 : weight;
    }
}
