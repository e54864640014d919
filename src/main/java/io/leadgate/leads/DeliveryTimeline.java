package io.leadgate.leads;

import io.leadgate.delivery.Channel;
import io.leadgate.delivery.Delivered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Puts delivered alerts and nurture emails on the lead's timeline, in the same transaction that records the delivery. */
@ApplicationScoped
class DeliveryTimeline {

    void onDelivered(@Observes Delivered delivered) {
        boolean nurture = delivered.eventType().startsWith("nurture.");
        String type = nurture
                ? "nurture.delivered"
                : delivered.channel() == Channel.EMAIL ? "alerted.email" : "alerted.webhook";
        String detail = nurture ? delivered.eventType() : delivered.eventType() + " to " + delivered.destination();
        Lead.<Lead>find("publicId", delivered.subjectRef())
                .firstResultOptional()
                .ifPresent(lead -> LeadEvent.record(lead.id, type, detail, delivered.at()));
    }
}
