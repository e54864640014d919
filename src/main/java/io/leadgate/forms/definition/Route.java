package io.leadgate.forms.definition;

import java.util.List;

/** Where leads of one verdict go: alert email recipients, webhooks and rep assignment. */
public record Route(List<String> email, List<Webhook> webhooks, Assignment assignment) {
    public static final Route NONE = new Route(null, null, null);

    public Route {
        email = email == null ? List.of() : List.copyOf(email);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }
}
