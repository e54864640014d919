package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An HTTP endpoint that hears about leads, with its signing secrets and an optional condition. */
public record Webhook(
        String url,
        WebhookKind kind,
        String secret,
        String previousSecret,
        List<String> events,
        @JsonProperty("if") Condition condition,
        Integer minScore) {

    /** Events a webhook can subscribe to. */
    public static final List<String> EVENTS = List.of(
            "lead.qualified",
            "lead.requalified",
            "lead.nurtured",
            "lead.disqualified",
            "lead.outcome_recorded",
            "lead.erased");

    public Webhook {
        kind = kind == null ? WebhookKind.STANDARD : kind;
        events = events == null ? List.of("lead.qualified", "lead.requalified") : List.copyOf(events);
    }

    @Override
    public String toString() {
        return "Webhook[" + kind + " " + events + "]";
    }
}
