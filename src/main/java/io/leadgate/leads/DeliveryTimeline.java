package io.leadgate.leads;

import io.leadgate.delivery.Channel;
import io.leadgate.delivery.Delivered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Puts delivered alerts on the lead's timeline, in the same transaction that records the delivery. */
@ApplicationScoped
class DeliveryTimeline {

    void onDelivered(@Observes Delivered delivered) {
        Lead.<Lead>find("publicId", delivered.subjectRef()).firstResultOptional().ifPresent(lead -> LeadEvent.record(lead.id,
                delivered.channel() == Channel.EMAIL ? "alerted.email" : "alerted.webhook",
                delivered.eventType() + " to " + delivered.destination(), delivered.at()));
    }
}
