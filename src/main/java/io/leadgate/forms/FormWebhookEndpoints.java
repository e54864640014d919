package io.leadgate.forms;

import io.leadgate.common.WebhookEndpoints;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhook endpoints as the served forms declare them, keyed {@code <form-id>/webhooks/<index>}; the form's sales
 * addresses own them.
 */
@ApplicationScoped
public class FormWebhookEndpoints implements WebhookEndpoints {

    private final FormRegistry registry;

    FormWebhookEndpoints(FormRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Endpoint> find(String key) {
        String[] parts = key.split("/webhooks/");
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return Optional.empty();
        }
        return registry.find(parts[0])
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .flatMap(form -> {
                    List<Webhook> webhooks =
                            form.definition().routing().qualified().webhooks();
                    int index = Integer.parseInt(parts[1]);
                    if (index >= webhooks.size()) {
                        return Optional.empty();
                    }
                    Webhook webhook = webhooks.get(index);
                    List<String> secrets = new ArrayList<>();
                    if (webhook.kind() == WebhookKind.STANDARD) {
                        secrets.add(webhook.secret());
                        if (webhook.previousSecret() != null) {
                            secrets.add(webhook.previousSecret());
                        }
                    }
                    return Optional.of(new Endpoint(
                            webhook.url(),
                            secrets,
                            form.definition().routing().qualified().email()));
                });
    }
}
