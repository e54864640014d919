package io.leadgate.forms.definition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where leads of one verdict go: alert email recipients, webhooks and rep assignment; optionally how long the
 * assigned rep has to accept a lead before it moves to the next rep ({@code follow-up}), counted within the reps'
 * {@code working-hours} when set.
 */
public record Route(
        List<String> email,
        List<Webhook> webhooks,
        Assignment assignment,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration followUp,

        WorkingHours workingHours) {
    public static final Route NONE = new Route(null, null, null, null, null);

    public Route {
        email = email == null ? List.of() : List.copyOf(email);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** When the rep alerted at {@code alertedAt} must have accepted the lead; empty without a follow-up deadline. */
    public Optional<Instant> followUpDue(Instant alertedAt) {
        if (followUp == null) {
            return Optional.empty();
        }
        return Optional.of(
                workingHours == null ? alertedAt.plus(followUp) : workingHours.deadline(alertedAt, followUp));
    }
}
