package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a webhook endpoint expects: Standard Webhooks JSON, or a chat message. */
public enum WebhookKind {
    @JsonProperty("standard")
    STANDARD,
    @JsonProperty("slack")
    SLACK,
    @JsonProperty("teams")
    TEAMS
}
