package io.leadgate.common;

import java.util.List;
import java.util.Optional;

/**
 * Finds a webhook endpoint's current address and signing secrets by its key, at send time, so that a rotated
 * secret takes effect at once and no secret is ever stored with a message. Implemented by the forms.
 */
public interface WebhookEndpoints {

    /**
     * An endpoint as configured now: {@code secrets} is empty for chat webhooks, which are not signed; {@code owners}
     * are told by email when the endpoint is switched off. {@code positional} marks an endpoint found by its place in
     * the form (messages queued before endpoints had ids): it may only receive a message queued for its address.
     */
    record Endpoint(String url, List<String> secrets, List<String> owners, boolean positional) {
        public Endpoint {
            secrets = List.copyOf(secrets);
            owners = List.copyOf(owners);
        }

        public Endpoint(String url, List<String> secrets, List<String> owners) {
            this(url, secrets, owners, false);
        }
    }

    Optional<Endpoint> find(String key);

    /** Whether endpoints can be looked up yet: at start-up the forms that declare them may still be loading. */
    default boolean ready() {
        return true;
    }
}
