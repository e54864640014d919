package io.leadgate.leads;

import io.leadgate.common.SqlRows;
import io.leadgate.delivery.Channel;
import io.leadgate.delivery.Delivered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Puts delivered alerts and nurture emails on the lead's timeline, in the same transaction that records the delivery. */
@ApplicationScoped
class DeliveryTimeline {

    private final EntityManager entities;

    DeliveryTimeline(EntityManager entities) {
        this.entities = entities;
    }

    void onDelivered(@Observes Delivered.All delivered) {
        Set<String> refs =
                delivered.deliveries().stream().map(Delivered::subjectRef).collect(Collectors.toSet());
        // Plain SQL does not flush: what the caller changed goes first, as a native query of Hibernate's did (an
        // attempt
        // recorded alone updates its message before this locks the lead's key with the timeline rows).
        entities.flush();
        // Ids only, in one query: loading each lead as an entity cost a query and a dirty check per delivery.
        Map<String, Long> leadIds = new HashMap<>();
        for (Object[] columns :
                SqlRows.rows(entities, "SELECT public_id, id FROM lead WHERE public_id IN (:values)", refs)) {
            leadIds.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        for (Delivered delivery : delivered.deliveries()) {
            Long leadId = leadIds.get(delivery.subjectRef());
            if (leadId != null) {
                LeadEvent.record(leadId, type(delivery), detail(delivery), delivery.at());
            }
        }
    }

    private static String type(Delivered delivery) {
        if (delivery.eventType().startsWith("nurture.")) {
            return "nurture.delivered";
        }
        return delivery.channel() == Channel.EMAIL ? "alerted.email" : "alerted.webhook";
    }

    private static String detail(Delivered delivery) {
        return delivery.eventType().startsWith("nurture.")
                ? delivery.eventType()
                : delivery.eventType() + " to " + delivery.destination();
    }
}
