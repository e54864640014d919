package io.leadgate.forms.definition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;

/** Something the score measures, such as need or budget, with its cap, weight and how long answers stay fresh. */
public record Dimension(
        Text label,
        int max,
        Double weight,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration decay) {
    public Dimension {
        weight = weight == null ? 1.0 : weight;
    }
}
