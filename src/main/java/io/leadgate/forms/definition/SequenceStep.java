package io.leadgate.forms.definition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;

/** One email of a sequence, sent {@code delay} after enrolment (first step) or after the step before. */
public record SequenceStep(
        String id,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration delay,

        Text subject,
        Text html,
        Text text) {}
