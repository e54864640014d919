package io.leadgate.leads;

import io.leadgate.delivery.Outbox;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;

import java.util.List;

/** Lead events that follow a lead's life (outcome, erasure) go to every signed webhook of its form subscribed to them. */
final class EventWebhooks {

    private EventWebhooks() {}

    static void queue(Outbox outbox, ValidForm form, String event, String leadPublicId, String body) {
        List<Webhook> webhooks = form.definition().routing().qualified().webhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            if (webhooks.get(i).kind() == WebhookKind.STANDARD
                    && webhooks.get(i).events().contains(event)) {
                outbox.webhook(event, leadPublicId, webhooks.get(i).url(), form.id() + "/webhooks/" + i, body);
            }
        }
    }
}
