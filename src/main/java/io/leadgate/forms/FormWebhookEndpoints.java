package io.leadgate.forms;

import io.leadgate.common.WebhookEndpoints;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhook endpoints as the served forms declare them, keyed {@code <form-id>/webhooks/<webhook-id>}; the form's
 * sales addresses own them. Keys that end in a number name an endpoint by its place (messages queued before webhooks
 * had ids) and are marked so.
 */
@ApplicationScoped
public class FormWebhookEndpoints implements WebhookEndpoints {

    private final FormRegistry registry;

    FormWebhookEndpoints(FormRegistry registry) {
        this.registry = registry;
    }

    /** The key messages to this webhook of this form are bound to. */
    public static String key(String formId, Webhook webhook) {
        return formId + "/webhooks/" + webhook.endpointId();
    }

    @Override
    public boolean ready() {
        return registry.loaded();
    }

    @Override
    public Optional<Endpoint> find(String key) {
        int at = key.lastIndexOf("/webhooks/");
        if (at <= 0) {
            return Optional.empty();
        }
        String formId = key.substring(0, at);
        String id = key.substring(at + "/webhooks/".length());
        return registry.find(formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .flatMap(form -> {
                    List<Webhook> webhooks =
                            form.definition().routing().qualified().webhooks();
                    Optional<Webhook> named = webhooks.stream()
                            .filter(w -> w.endpointId().equals(id))
                            .findFirst();
                    if (named.isPresent()) {
                        return Optional.of(endpoint(form, named.get(), false));
                    }
                    if (id.matches("\\d{1,3}") && Integer.parseInt(id) < webhooks.size()) {
                        return Optional.of(endpoint(form, webhooks.get(Integer.parseInt(id)), true));
                    }
                    return Optional.empty();
                });
    }

    private static Endpoint endpoint(ValidForm form, Webhook webhook, boolean positional) {
        List<String> secrets = new ArrayList<>();
        if (webhook.kind() == WebhookKind.STANDARD) {
            secrets.add(webhook.secret());
            if (webhook.previousSecret() != null) {
                secrets.add(webhook.previousSecret());
            }
        }
        return new Endpoint(
                webhook.url(), secrets, form.definition().routing().qualified().email(), positional);
    }
}
