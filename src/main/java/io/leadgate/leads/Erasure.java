package io.leadgate.leads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The right to erasure: in one transaction, removes the lead with its answers, consents, timeline, outcome, sales
 * feedback, every message about it and their delivery logs; nurture keeps only a keyed hash on the suppression list. Then
 * {@code lead.erased} (the lead's id, nothing else) goes to the webhooks that subscribe to it, so CRMs erase too.
 */
@ApplicationScoped
public class Erasure {

    private static final Logger LOG = Logger.getLogger(Erasure.class);
    static final String EVENT = "lead.erased";

    private final Outbox outbox;
    private final FormRegistry registry;
    private final ObjectMapper json;
    private final Event<LeadChanged> changes;

    Erasure(Outbox outbox, FormRegistry registry, ObjectMapper json, Event<LeadChanged> changes) {
        this.outbox = outbox;
        this.registry = registry;
        this.json = json;
        this.changes = changes;
    }

    /** Erases the lead; empty when there is no such lead (perhaps erased already). */
    @Transactional
    public Optional<Instant> erase(String leadPublicId, String reason) {
        // The lead's lock waits for a feedback click or a follow-up move under way, which would otherwise add a row
        // that refers to it after its rows were deleted.
        Optional<Lead> found = Lead.lockByPublicId(leadPublicId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Lead lead = found.get();
        Instant now = Instant.now();
        Set<String> forms = new LinkedHashSet<>(Submission.<Submission>list("leadId", lead.id).stream()
                .map(s -> s.formId)
                .toList());
        forms.add(lead.formId);
        changes.fire(new LeadChanged(lead.id, lead.publicId, LeadChanged.Kind.ERASING));
        Consent.delete("leadId", lead.id);
        Submission.delete("leadId", lead.id);
        LeadEvent.delete("leadId", lead.id);
        DealOutcome.delete("leadId", lead.id);
        SalesFeedback.delete("leadId", lead.id);
        int messages = outbox.eraseAbout(lead.publicId);
        lead.delete();
        for (String formId : forms) {
            registry.find(formId)
                    .filter(ValidForm.class::isInstance)
                    .map(ValidForm.class::cast)
                    .ifPresent(form -> EventWebhooks.queue(outbox, form, EVENT, leadPublicId, body(leadPublicId, now)));
        }
        LOG.infof("Erased lead %s (%s): its data and %d message(s) about it", leadPublicId, reason, messages);
        return Optional.of(now);
    }

    private String body(String leadPublicId, Instant at) {
        ObjectNode body = json.createObjectNode();
        body.put("type", EVENT);
        body.put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = body.putObject("data");
        data.put("version", LeadMessages.PAYLOAD_VERSION);
        data.putObject("lead").put("id", leadPublicId);
        data.put("erased_at", at.toString());
        return body.toString();
    }
}
