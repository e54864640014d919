package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An HTTP endpoint that hears about leads, with its stable id, signing secrets and an optional condition. Messages
 * are bound to the id, so adding or reordering webhooks never sends one endpoint's messages to another.
 */
public record Webhook(
        String id,
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
            "lead.sales_feedback",
            "lead.erased");

    public Webhook {
        kind = kind == null ? WebhookKind.STANDARD : kind;
        events = events == null ? List.of("lead.qualified", "lead.requalified") : List.copyOf(events);
    }

    /** The id a webhook without one gets, allowed only when it is its form's only webhook. */
    public static final String DEFAULT_ID = "main";

    /** Its id, or the default for a form's only webhook. */
    public String endpointId() {
        return id != null ? id : DEFAULT_ID;
    }

    /**
     * Where it sends, as shown to people: scheme, host and port only. Chat webhook URLs carry their secret in the
     * path, so no view, log or stored message shows more.
     */
    public String host() {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    @Override
    public String toString() {
        return "Webhook[" + endpointId() + " " + kind + " " + events + "]";
    }
}
