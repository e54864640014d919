package io.leadgate.leads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.Retentions;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FeedbackReason;
import io.leadgate.forms.definition.FormDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sales feedback on a lead: "Accepted" or "Not a fit" with one of the form's reasons, from an alert's one-click link,
 * the lead page or the API. Saying the same again changes nothing; saying something else replaces it. Each change goes
 * on the lead's timeline and, as {@code lead.sales_feedback}, to the form's webhooks that subscribe to it, in one
 * transaction.
 */
@ApplicationScoped
public class SalesFeedbacks {

    public static final String EVENT = "lead.sales_feedback";
    private static final Logger LOG = Logger.getLogger(SalesFeedbacks.class);
    private static final int MAX_RECORDED_BY = 320;
    /** Clocks of instances differ a little; a link made further in the future than this was not made by us. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Whether a link can be used: it can, it was never valid (forged or changed), or its time is over. */
    public enum LinkState {
        VALID,
        INVALID,
        EXPIRED
    }

    /**
     * A link as its confirmation page shows it: who the lead is (name or nothing), which form, what the link records
     * ({@code choice}, in words), what is recorded now ({@code current}, in words, null when nothing is), and whether
     * this request changed it.
     */
    public record LinkView(
            LinkState state,
            String leadName,
            String formTitle,
            Instant arrived,
            String choice,
            String current,
            boolean changed) {

        static LinkView of(LinkState state) {
            return new LinkView(state, null, null, null, null, null, false);
        }

        /** The day the lead arrived (UTC). */
        public java.time.LocalDate arrivedOn() {
            return arrived == null
                    ? null
                    : arrived.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }

        /** The choice is what is recorded already: posting it again changes nothing. */
        public boolean alreadyRecorded() {
            return choice != null && choice.equals(current);
        }
    }

    /** The feedback after a change, and whether it changed anything. */
    public record Recorded(SalesFeedback feedback, boolean changed) {}

    private final FeedbackLinks links;
    private final FormRegistry registry;
    private final Retentions retentions;
    private final Outbox outbox;
    private final LeadMessages messages;
    private final ObjectMapper json;

    SalesFeedbacks(
            FeedbackLinks links,
            FormRegistry registry,
            Retentions retentions,
            Outbox outbox,
            LeadMessages messages,
            ObjectMapper json) {
        this.links = links;
        this.registry = registry;
        this.retentions = retentions;
        this.outbox = outbox;
        this.messages = messages;
        this.json = json;
    }

    /** What a link would record, for its confirmation page; nothing is recorded. */
    @Transactional
    public LinkView look(String token) {
        return check(token).map(c -> view(c, false)).orElseGet(() -> LinkView.of(state(token)));
    }

    /** Records what a link says, once; the view afterwards. A second click finds it recorded already. */
    @Transactional
    public LinkView recordLink(String token) {
        Optional<Checked> checked = check(token);
        if (checked.isEmpty()) {
            return LinkView.of(state(token));
        }
        FeedbackLinks.Claim claim = checked.get().claim();
        boolean changed;
        try {
            changed = record(
                            checked.get().lead().publicId,
                            claim.outcome(),
                            claim.reason(),
                            claim.recordedBy(),
                            "alert link")
                    .changed();
        } catch (IllegalArgumentException erasedMeanwhile) {
            return LinkView.of(LinkState.EXPIRED);
        }
        return view(checked.get(), changed);
    }

    private record Checked(Lead lead, FeedbackLinks.Claim claim) {}

    private Optional<Checked> check(String token) {
        return links.open(token).flatMap(claim -> {
            if (claim.issuedAt().isAfter(Instant.now().plus(CLOCK_SKEW))
                    || !SalesFeedback.ACCEPTED.equals(claim.outcome())
                            && !SalesFeedback.REJECTED.equals(claim.outcome())) {
                return Optional.empty();
            }
            return Lead.byPublicId(claim.leadId())
                    .filter(lead -> !expired(lead, claim) && !movedOn(lead, claim))
                    .filter(lead -> problems(lead.formId, claim.outcome(), claim.reason())
                            .isEmpty())
                    .map(lead -> new Checked(lead, claim));
        });
    }

    /** Why a token that does not check out fails: it opens (so its lead is gone or its time over), or it never did. */
    private LinkState state(String token) {
        return links.open(token).isPresent() ? LinkState.EXPIRED : LinkState.INVALID;
    }

    /**
     * A link lives as long as the form keeps its leads (its retention, counted from the alert), and never longer than
     * {@link #LONGEST_LINK}: a form that keeps leads for ever must not keep one-click links for ever.
     */
    private boolean expired(Lead lead, FeedbackLinks.Claim claim) {
        Duration life = retentions
                .of(lead.formId)
                .filter(retention -> retention.compareTo(LONGEST_LINK) < 0)
                .orElse(LONGEST_LINK);
        return claim.issuedAt().plus(life).isBefore(Instant.now());
    }

    /** The longest a feedback link works, whatever the form's retention. */
    static final Duration LONGEST_LINK = Duration.ofDays(90);

    /**
     * A rep's link stops working once the lead went to another rep (a follow-up deadline moved it): the first rep no
     * longer speaks for it.
     */
    private static boolean movedOn(Lead lead, FeedbackLinks.Claim claim) {
        return claim.recordedBy().contains("@")
                && !claim.recordedBy().contains(",")
                && lead.assignedRep != null
                && !lead.assignedRep.equalsIgnoreCase(claim.recordedBy());
    }

    private LinkView view(Checked checked, boolean changed) {
        Lead lead = checked.lead();
        Optional<FormDefinition> form = definition(lead.formId);
        String title = form.map(f -> f.title().in(f.defaultLanguage())).orElse(lead.formId);
        String current = SalesFeedback.of(lead.id)
                .map(f -> describe(lead.formId, f.outcome, f.reason))
                .orElse(null);
        return new LinkView(
                LinkState.VALID,
                lead.name,
                title,
                lead.createdAt,
                describe(lead.formId, checked.claim().outcome(), checked.claim().reason()),
                current,
                changed);
    }

    /** The reasons sales may give for "Not a fit" on this form's leads. */
    public List<FeedbackReason> reasons(String formId) {
        return definition(formId).map(FormDefinition::notAFitReasons).orElse(FeedbackReason.DEFAULTS);
    }

    /** Feedback in words: "Accepted", or "Not a fit: No budget" (the code where the form no longer names it). */
    public String describe(String formId, String outcome, String reason) {
        if (SalesFeedback.ACCEPTED.equals(outcome)) {
            return "Accepted";
        }
        return "Not a fit" + (reason == null ? "" : ": " + reasonLabel(formId, reason));
    }

    /** A reason's label in the form's default language; the code where the form no longer names it. */
    public String reasonLabel(String formId, String reason) {
        String language =
                definition(formId).map(FormDefinition::defaultLanguage).orElse("en");
        return reasons(formId).stream()
                .filter(r -> r.code().equals(reason))
                .findFirst()
                .map(r -> r.label().in(language))
                .orElse(reason);
    }

    /** Problems with feedback for a lead of this form, each a sentence; empty when it can be recorded. */
    public List<String> problems(String formId, String outcome, String reason) {
        List<String> problems = new ArrayList<>();
        if (SalesFeedback.ACCEPTED.equals(outcome)) {
            if (reason != null && !reason.isBlank()) {
                problems.add("an accepted lead has no reason");
            }
        } else if (SalesFeedback.REJECTED.equals(outcome)) {
            List<String> codes =
                    reasons(formId).stream().map(FeedbackReason::code).toList();
            if (reason == null || !codes.contains(reason)) {
                problems.add("a rejected lead needs one of this form's reasons: " + String.join(", ", codes));
            }
        } else {
            problems.add("outcome must be accepted or rejected");
        }
        return problems;
    }

    /** The feedback on a lead, if sales gave any. */
    @Transactional
    public Optional<SalesFeedback> of(Lead lead) {
        return SalesFeedback.of(lead.id);
    }

    /**
     * Records feedback on the lead said by {@code recordedBy} through {@code via} (alert link, lead page, API): the same
     * feedback again changes nothing; other feedback replaces it. The caller checked {@link #problems}.
     */
    @Transactional
    public Recorded record(String leadPublicId, String outcome, String reason, String recordedBy, String via) {
        // The lead's lock makes two clicks at once queue up: the second finds the first's row.
        Lead lead = Lead.lockByPublicId(leadPublicId).orElseThrow(() -> new IllegalArgumentException("no such lead"));
        String by = recordedBy.length() > MAX_RECORDED_BY ? recordedBy.substring(0, MAX_RECORDED_BY) : recordedBy;
        String why = SalesFeedback.REJECTED.equals(outcome) ? reason : null;
        Optional<SalesFeedback> existing = SalesFeedback.of(lead.id);
        if (existing.isPresent()
                && existing.get().outcome.equals(outcome)
                && Objects.equals(existing.get().reason, why)) {
            return new Recorded(existing.get(), false);
        }
        String before =
                existing.map(f -> describe(lead.formId, f.outcome, f.reason)).orElse(null);
        Instant now = Instant.now();
        SalesFeedback feedback = existing.orElseGet(SalesFeedback::new);
        feedback.leadId = lead.id;
        feedback.outcome = outcome;
        feedback.reason = why;
        feedback.recordedBy = by;
        feedback.recordedAt = now;
        if (existing.isEmpty()) {
            feedback.persist();
        }
        String said = describe(lead.formId, outcome, why);
        LeadEvent.record(
                lead.id,
                "sales_feedback",
                said + " by " + by + " (" + via + ")" + (before == null ? "" : "; replaces " + before),
                now);
        registry.find(lead.formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .ifPresent(form -> EventWebhooks.queue(
                        outbox, form, EVENT, lead.publicId, body(lead, form, feedback, existing.isPresent())));
        LOG.infof("Sales feedback on lead %s: %s%s (%s)", lead.publicId, outcome, why == null ? "" : " " + why, via);
        return new Recorded(feedback, true);
    }

    private String body(Lead lead, ValidForm form, SalesFeedback feedback, boolean replaced) {
        ObjectNode body = messages.eventBody(EVENT, feedback.recordedAt, lead, form);
        ObjectNode node = body.withObject("/data").putObject("feedback");
        node.put("outcome", feedback.outcome);
        node.put("reason", feedback.reason);
        node.put("reason_label", feedback.reason == null ? null : reasonLabel(lead.formId, feedback.reason));
        node.put("recorded_by", feedback.recordedBy);
        node.put("recorded_at", feedback.recordedAt.toString());
        node.put("replaces_earlier", replaced);
        return body.toString();
    }

    private Optional<FormDefinition> definition(String formId) {
        return registry.find(formId).filter(ValidForm.class::isInstance).map(f -> ((ValidForm) f).definition());
    }
}
