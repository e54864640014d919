package io.leadgate.leads;

import io.leadgate.delivery.Outbox;
import io.leadgate.forms.ValidForm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Talk to us anyway": a nurtured lead whose answers can no longer qualify asks for a person; sales (the form's
 * qualified addresses and the lead's rep) hear of it once a day at most, and the timeline notes it.
 */
@ApplicationScoped
public class ContactRequests {

    static final String EVENT = "lead.contact_requested";

    private final LeadMessages messages;
    private final Outbox outbox;

    ContactRequests(LeadMessages messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    /** Records the request and emails sales; false when the lead is gone or asked within the last day already. */
    public boolean request(String leadId, ValidForm form) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Lead.lockByPublicId(leadId)
                        .map(lead -> {
                            Instant now = Instant.now();
                            if (LeadEvent.count(
                                            "leadId = ?1 and type = ?2 and occurredAt > ?3",
                                            lead.id,
                                            "contact.requested",
                                            now.minusSeconds(24 * 3600))
                                    > 0) {
                                return false;
                            }
                            Set<String> recipients = new LinkedHashSet<>(
                                    form.definition().routing().qualified().email());
                            if (lead.assignedRep != null) {
                                recipients.add(lead.assignedRep);
                            }
                            LeadEvent.record(lead.id, "contact.requested", form.id(), now);
                            if (!recipients.isEmpty()) {
                                List<String> to = new ArrayList<>(recipients);
                                outbox.email(EVENT, lead.publicId, messages.contactRequestEmail(lead, form, to));
                            }
                            return true;
                        })
                        .orElse(false));
    }
}
