package io.leadgate.leads;

import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormWebhookEndpoints;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;

/** Lead events that follow a lead's life (outcome, erasure) go to every signed webhook of its form subscribed to them. */
final class EventWebhooks {

    private EventWebhooks() {}

    static void queue(Outbox outbox, ValidForm form, String event, String leadPublicId, String body) {
        for (Webhook webhook : form.definition().routing().qualified().webhooks()) {
            if (webhook.kind() == WebhookKind.STANDARD && webhook.events().contains(event)) {
                outbox.webhook(event, leadPublicId, webhook.host(), FormWebhookEndpoints.key(form.id(), webhook), body);
            }
        }
    }
}
