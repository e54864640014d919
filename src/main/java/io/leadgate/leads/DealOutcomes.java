package io.leadgate.leads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Records what became of a lead's deal (won, lost or open). The outcome goes on the lead's timeline, ends its nurture sequence, and is sent as
 * {@code lead.outcome_recorded} to the form's webhooks that subscribe to it, in one transaction.
 */
@ApplicationScoped
public class DealOutcomes {

    public static final Set<String> STATUSES = Set.of("won", "lost", "open");
    static final String EVENT = "lead.outcome_recorded";

    private final Outbox outbox;
    private final FormRegistry registry;
    private final ObjectMapper json;
    private final LeadMessages messages;
    private final Event<LeadChanged> changes;

    DealOutcomes(
            Outbox outbox,
            FormRegistry registry,
            ObjectMapper json,
            LeadMessages messages,
            Event<LeadChanged> changes) {
        this.outbox = outbox;
        this.registry = registry;
        this.json = json;
        this.messages = messages;
        this.changes = changes;
    }

    /** Problems with an outcome, each a sentence; empty when it can be recorded. */
    public static List<String> problems(DealOutcomeRequest outcome) {
        List<String> problems = new ArrayList<>();
        if (outcome.status() == null || !STATUSES.contains(outcome.status())) {
            problems.add("status must be won, lost or open");
        }
        if (outcome.amount() != null
                && (outcome.amount().signum() < 0 || outcome.amount().compareTo(new BigDecimal("999999999999")) > 0)) {
            problems.add("amount must be zero or more");
        }
        if (outcome.amount() != null
                && (outcome.currency() == null || !outcome.currency().matches("[A-Za-z]{3}"))) {
            problems.add("an amount needs a three-letter ISO 4217 currency such as EUR or USD");
        }
        if (outcome.reason() != null && outcome.reason().length() > 500) {
            problems.add("reason must be at most 500 characters");
        }
        return problems;
    }

    /** Records the outcome of the lead; empty when there is no such lead. */
    @Transactional
    public Optional<DealOutcome> record(Lead lead, DealOutcomeRequest request, String recordedBy) {
        List<String> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant now = Instant.now();
        DealOutcome outcome = DealOutcome.<DealOutcome>findByIdOptional(lead.id).orElseGet(DealOutcome::new);
        boolean created = outcome.leadId == null;
        outcome.leadId = lead.id;
        outcome.status = request.status();
        outcome.amount = request.amount();
        outcome.currency =
                request.currency() == null ? null : request.currency().toUpperCase(Locale.ROOT);
        outcome.closeDate = request.closeDate();
        outcome.reason = request.reason();
        outcome.recordedBy = recordedBy;
        outcome.recordedAt = now;
        if (created) {
            outcome.persist();
        }
        LeadEvent.record(
                lead.id,
                "outcome",
                outcome.status + (outcome.amount != null ? " " + outcome.amount + " " + outcome.currency : "") + " by "
                        + recordedBy,
                now);
        changes.fire(new LeadChanged(lead.id, lead.publicId, LeadChanged.Kind.OUTCOME_RECORDED));
        registry.find(lead.formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .ifPresent(form -> EventWebhooks.queue(outbox, form, EVENT, lead.publicId, body(lead, form, outcome)));
        return Optional.of(outcome);
    }

    private String body(Lead lead, ValidForm form, DealOutcome outcome) {
        ObjectNode body = messages.eventBody(EVENT, outcome.recordedAt, lead, form);
        ObjectNode node = body.withObject("/data").putObject("outcome");
        node.put("status", outcome.status);
        node.put("amount", outcome.amount);
        node.put("currency", outcome.currency);
        node.put("close_date", outcome.closeDate == null ? null : outcome.closeDate.toString());
        node.put("reason", outcome.reason);
        node.put("recorded_at", outcome.recordedAt.toString());
        return body.toString();
    }
}
