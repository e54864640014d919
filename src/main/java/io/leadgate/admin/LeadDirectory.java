package io.leadgate.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.access.Role;
import io.leadgate.delivery.DeliveryAttempt;
import io.leadgate.delivery.OutboxMessage;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.leads.Consent;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.HeldSubmission;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadEvent;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.SalesFeedbacks;
import io.leadgate.leads.Submission;
import io.leadgate.nurture.Enrolment;
import io.leadgate.scoring.LedgerEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds leads for the back office and the API, and only those the asking user may see: admins see all; sales reps
 * see the leads assigned to them; marketers see none (they work with forms and anonymous reports).
 */
@ApplicationScoped
public class LeadDirectory {

    /** How leads are narrowed down; null fields do not narrow. */
    public record Filter(String form, String verdict, LocalDate from, LocalDate to, String rep, String search) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null);
    }

    /** One lead as lists and exports show it. */
    public record LeadSummary(
            String id,
            String email,
            String name,
            String formId,
            int score,
            String verdict,
            String grade,
            String assignedRep,
            Instant createdAt,
            Instant updatedAt,
            String outcome,
            BigDecimal amount,
            String currency) {}

    /** Everything held about one lead: the lead page and the privacy export. */
    public record LeadDetail(
            LeadSummary lead,
            List<SubmissionView> submissions,
            List<ConsentView> consents,
            List<EventView> timeline,
            OutcomeView outcome,
            List<EnrolmentView> nurture,
            List<DeliveryView> deliveries,
            List<VerificationView> awaitingConfirmation,
            FeedbackView salesFeedback) {}

    /**
     * What sales said of the lead: {@code outcome} accepted or rejected, the rejection's {@code reason} code, both in
     * words ({@code said}: "Not a fit: No budget"), who said it and when.
     */
    public record FeedbackView(String outcome, String reason, String said, String recordedBy, Instant recordedAt) {}

    public record SubmissionView(
            String id,
            String formId,
            String formVersion,
            Instant submittedAt,
            String language,
            int score,
            String verdict,
            String grade,
            Map<String, List<String>> answers,
            Map<String, List<String>> answerLabels,
            Map<String, String> hidden,
            List<String> knockouts,
            List<LedgerEntry> ledger,
            String referrer,
            String ip,
            String trust) {

        /** The label the prospect saw for one answer code of a question; the code itself where none is known. */
        public String labelOf(String question, String code) {
            if (code == null || question == null) {
                return code;
            }
            List<String> codes = answers.getOrDefault(question, List.of());
            List<String> labels = answerLabels.getOrDefault(question, List.of());
            int at = codes.indexOf(code);
            return at >= 0 && at < labels.size() ? labels.get(at) : code;
        }

        /** Whether an answer reads differently from its code, so that the code is worth showing beside it. */
        public boolean labelled(String question, String code) {
            return code != null && !code.equals(labelOf(question, code));
        }

        /** The email already had a lead and this submission did not prove it comes from that person. */
        public boolean unverifiedRepeat() {
            return "repeat".equals(trust);
        }
    }

    /** A submission held until the prospect confirms the address (verify-email); its answers count only then. */
    public record VerificationView(String formId, Instant submittedAt, Instant expiresAt) {}

    public record ConsentView(
            String formId,
            String formVersion,
            String questionId,
            String language,
            String textHash,
            Instant givenAt,
            String ip) {}

    public record EventView(String type, String detail, Instant at) {}

    public record OutcomeView(
            String status,
            BigDecimal amount,
            String currency,
            LocalDate closeDate,
            String reason,
            String recordedBy,
            Instant recordedAt) {}

    public record EnrolmentView(
            String sequence,
            String status,
            int nextStep,
            Instant nextDueAt,
            String exitReason,
            Instant enrolledAt,
            Instant lastSentAt) {}

    public record DeliveryView(
            String messageId,
            String channel,
            String eventType,
            String destination,
            String status,
            int attempts,
            String lastError,
            Instant nextAttemptAt,
            Instant createdAt,
            Instant completedAt,
            List<AttemptView> log) {

        /** The last error in words, with when Leadgate tries again (or that it stopped). */
        public String problem() {
            return DeliveryErrors.explain(channel, lastError, "PENDING".equals(status) ? nextAttemptAt : null);
        }
    }

    public record AttemptView(
            int attempt, Instant at, long latencyMs, Integer statusCode, String outcome, String error) {}

    private static final int MAX_ROWS = 50_000;

    private final ObjectMapper json;
    private final EntityManager entities;
    private final FormRegistry registry;
    private final SalesFeedbacks feedbacks;

    LeadDirectory(ObjectMapper json, EntityManager entities, FormRegistry registry, SalesFeedbacks feedbacks) {
        this.feedbacks = feedbacks;
        this.json = json;
        this.entities = entities;
        this.registry = registry;
    }

    /**
     * A lead's answers across its submissions to its form (a later answer to a question replaces an earlier one), with
     * labels.
     */
    public record LeadAnswers(
            Map<String, List<String>> answers,
            Map<String, List<String>> answerLabels,
            Experiment experiment,
            Source source) {}

    /**
     * Where a lead came from: the UTM fields and referrer of its first submission (first touch); the referrer without
     * its query string or fragment, which may carry an address or a click id.
     */
    public record Source(String utmSource, String utmMedium, String utmCampaign, String referrer) {
        static final Source NONE = new Source(null, null, null, null);

        public Source {
            if (referrer != null) {
                int cut = referrer.length();
                for (char mark : new char[] {'?', '#'}) {
                    int at = referrer.indexOf(mark);
                    if (at >= 0 && at < cut) {
                        cut = at;
                    }
                }
                referrer = referrer.substring(0, cut);
            }
        }
    }

    /** The experiment and variant a lead first answered, if its form ran one then. */
    public record Experiment(long id, String variant) {}

    /** A lead as exports give it: its summary and its answers, each code with the label the prospect saw. */
    public record ExportedLead(
            @JsonUnwrapped LeadSummary lead,
            Map<String, List<String>> answers,
            Map<String, List<String>> answerLabels,
            Experiment experiment,
            Source source) {}

    /** These leads with their answers, for the JSON exports. */
    public List<ExportedLead> withAnswers(List<LeadSummary> leads, Map<String, LeadAnswers> answers) {
        return leads.stream()
                .map(lead -> {
                    LeadAnswers given =
                            answers.getOrDefault(lead.id(), new LeadAnswers(Map.of(), Map.of(), null, Source.NONE));
                    return new ExportedLead(
                            lead, given.answers(), given.answerLabels(), given.experiment(), given.source());
                })
                .toList();
    }

    /** The answers of each of these leads, by lead id, read a thousand leads per query. */
    public Map<String, LeadAnswers> answers(List<LeadSummary> leads) {
        Map<String, LeadAnswers> result = new LinkedHashMap<>();
        for (int from = 0; from < leads.size(); from += 1000) {
            List<String> ids = leads.subList(from, Math.min(leads.size(), from + 1000)).stream()
                    .map(LeadSummary::id)
                    .toList();
            Map<String, Map<String, List<String>>> merged = new LinkedHashMap<>();
            Map<String, String[]> formAndLanguage = new LinkedHashMap<>();
            Map<String, Experiment> experiments = new LinkedHashMap<>();
            Map<String, Source> sources = new LinkedHashMap<>();
            QuarkusTransaction.requiringNew()
                    .run(() -> entities.createQuery(
                                    "select l.publicId, s.formId, s.language, s.answers, s.experimentId, s.variant,"
                                            + " s.hiddenFields, s.referrer"
                                            + " from Submission s, Lead l"
                                            + " where l.id = s.leadId and s.formId = l.formId and l.publicId in :ids"
                                            + " order by s.submittedAt, s.id",
                                    Object[].class)
                            .setParameter("ids", ids)
                            .getResultList()
                            .forEach(row -> {
                                String lead = (String) row[0];
                                Map<String, List<String>> answers = read((String) row[3], new TypeReference<>() {});
                                merged.computeIfAbsent(lead, k -> new LinkedHashMap<>())
                                        .putAll(answers);
                                formAndLanguage.put(lead, new String[] {(String) row[1], (String) row[2]});
                                if (row[4] != null) {
                                    experiments.putIfAbsent(lead, new Experiment((Long) row[4], (String) row[5]));
                                }
                                if (!sources.containsKey(lead)) {
                                    Map<String, String> hidden = row[6] == null
                                            ? Map.of()
                                            : read((String) row[6], new TypeReference<Map<String, String>>() {});
                                    sources.put(
                                            lead,
                                            new Source(
                                                    hidden.get("utm_source"),
                                                    hidden.get("utm_medium"),
                                                    hidden.get("utm_campaign"),
                                                    (String) row[7]));
                                }
                            }));
            merged.forEach((lead, answers) -> {
                String[] form = formAndLanguage.get(lead);
                result.put(
                        lead,
                        new LeadAnswers(
                                answers,
                                labels(form[0], form[1], answers),
                                experiments.get(lead),
                                sources.getOrDefault(lead, Source.NONE)));
            });
        }
        return result;
    }

    /** Each answer code's label as the prospect saw it, by question, in the order of the codes. */
    Map<String, List<String>> labels(String formId, String language, Map<String, List<String>> answers) {
        FormDefinition form = registry.find(formId)
                .filter(ValidForm.class::isInstance)
                .map(f -> ((ValidForm) f).definition())
                .orElse(null);
        Map<String, List<String>> labels = new LinkedHashMap<>();
        answers.forEach((question, codes) -> labels.put(
                question,
                codes.stream()
                        .map(code -> form == null ? code : form.answerLabel(question, code, language))
                        .toList()));
        return labels;
    }

    /** Whether this identity may see leads at all. */
    public static boolean seesLeads(SecurityIdentity who) {
        return who.hasRole(Role.ADMIN_NAME) || who.hasRole(Role.SALES_NAME);
    }

    /** Matching leads, newest first, at most {@code limit}. */
    public List<LeadSummary> search(Filter filter, SecurityIdentity who, int limit) {
        if (!seesLeads(who)) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (!who.hasRole(Role.ADMIN_NAME)) {
            where.append(" and lower(l.assignedRep) = :me");
            parameters.and("me", who.getPrincipal().getName().toLowerCase(Locale.ROOT));
        }
        if (filter.form() != null && !filter.form().isBlank()) {
            where.append(" and l.formId = :form");
            parameters.and("form", filter.form());
        }
        if (filter.verdict() != null && !filter.verdict().isBlank()) {
            where.append(" and l.verdict = :verdict");
            parameters.and("verdict", filter.verdict());
        }
        if (filter.from() != null) {
            where.append(" and l.createdAt >= :from");
            parameters.and(
                    "from", filter.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        if (filter.to() != null) {
            where.append(" and l.createdAt < :to");
            parameters.and(
                    "to",
                    filter.to()
                            .plusDays(1)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant());
        }
        if (filter.rep() != null && !filter.rep().isBlank()) {
            where.append(" and lower(l.assignedRep) = :rep");
            parameters.and("rep", filter.rep().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            where.append(" and (lower(l.email) like :q or lower(l.name) like :q)");
            parameters.and(
                    "q", "%" + filter.search().strip().toLowerCase(Locale.ROOT).replace("%", "") + "%");
        }
        int rows = Math.clamp(limit, 1, MAX_ROWS);
        // One query with the outcome joined, however many leads an export holds.
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entities.createQuery(
                            "select l, o from Lead l left join DealOutcome o on o.leadId = l.id where " + where
                                    + " order by l.createdAt desc, l.id desc",
                            Object[].class)
                    .setMaxResults(rows);
            parameters.map().forEach(query::setParameter);
            return query.getResultList().stream()
                    .map(row -> summary((Lead) row[0], (DealOutcome) row[1]))
                    .toList();
        });
    }

    /** The lead, if this identity may see it. */
    public Optional<Lead> visible(String leadId, SecurityIdentity who) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Lead.byPublicId(leadId))
                .filter(lead -> who.hasRole(Role.ADMIN_NAME)
                        || who.hasRole(Role.SALES_NAME)
                                && who.getPrincipal().getName().equalsIgnoreCase(String.valueOf(lead.assignedRep)));
    }

    /** The lead found by email address (any spelling of it), if this identity may see it. */
    public Optional<Lead> visibleByEmail(String email, SecurityIdentity who) {
        String key = io.leadgate.leads.EmailAddress.key(email);
        return QuarkusTransaction.requiringNew()
                .call(() -> Lead.<Lead>find("emailKey", key).firstResultOptional())
                .flatMap(lead -> visible(lead.publicId, who));
    }

    /** Everything held about the lead. */
    public LeadDetail detail(Lead lead) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Lead current = Lead.findById(lead.id);
            List<SubmissionView> submissions = new ArrayList<>();
            for (Submission s : Submission.<Submission>list("leadId = ?1 order by submittedAt desc", current.id)) {
                Map<String, List<String>> answers = read(s.answers, new TypeReference<>() {});
                submissions.add(new SubmissionView(
                        s.publicId,
                        s.formId,
                        s.formVersion,
                        s.submittedAt,
                        s.language,
                        s.score,
                        s.verdict,
                        s.grade,
                        answers,
                        labels(s.formId, s.language, answers),
                        read(s.hiddenFields, new TypeReference<>() {}),
                        read(s.knockouts, new TypeReference<>() {}),
                        read(s.ledger, new TypeReference<>() {}),
                        s.referrer,
                        s.ip,
                        s.trust.key()));
            }
            List<ConsentView> consents = Consent.<Consent>list("leadId = ?1 order by givenAt", current.id).stream()
                    .map(c -> new ConsentView(
                            c.formId, c.formVersion, c.questionId, c.language, c.textHash, c.givenAt, c.ip))
                    .toList();
            List<EventView> timeline = LeadEvent.timeline(current.id).stream()
                    .map(e -> new EventView(e.type, e.detail, e.occurredAt))
                    .toList();
            OutcomeView outcome = DealOutcome.<DealOutcome>findByIdOptional(current.id)
                    .map(o -> new OutcomeView(
                            o.status, o.amount, o.currency, o.closeDate, o.reason, o.recordedBy, o.recordedAt))
                    .orElse(null);
            List<EnrolmentView> nurture = Enrolment.ofLead(current.id).stream()
                    .map(e -> new EnrolmentView(
                            e.sequenceId,
                            e.status.name(),
                            e.nextStep,
                            e.nextDueAt,
                            e.exitReason,
                            e.enrolledAt,
                            e.lastSentAt))
                    .toList();
            List<DeliveryView> deliveries = OutboxMessage.about(current.publicId).stream()
                    .map(m -> new DeliveryView(
                            m.messageId,
                            m.channel.name(),
                            m.eventType,
                            m.shownDestination(),
                            m.status.name(),
                            m.attempts,
                            m.lastError,
                            m.nextAttemptAt,
                            m.createdAt,
                            m.completedAt,
                            DeliveryAttempt.of(m.messageId).stream()
                                    .map(a -> new AttemptView(
                                            a.attempt, a.attemptedAt, a.latencyMs, a.statusCode, a.outcome, a.error))
                                    .toList()))
                    .toList();
            return new LeadDetail(
                    summary(current, DealOutcome.findById(current.id)),
                    submissions,
                    consents,
                    timeline,
                    outcome,
                    nurture,
                    deliveries,
                    HeldSubmission.waitingFor(current.emailKey).stream()
                            .map(h -> new VerificationView(h.formId, h.createdAt, h.expiresAt))
                            .toList(),
                    SalesFeedback.of(current.id)
                            .map(f -> new FeedbackView(
                                    f.outcome,
                                    f.reason,
                                    feedbacks.describe(current.formId, f.outcome, f.reason),
                                    f.recordedBy,
                                    f.recordedAt))
                            .orElse(null));
        });
    }

    static LeadSummary summary(Lead lead, DealOutcome outcome) {
        return new LeadSummary(
                lead.publicId,
                lead.email,
                lead.name,
                lead.formId,
                lead.score,
                lead.verdict,
                lead.grade,
                lead.assignedRep,
                lead.createdAt,
                lead.updatedAt,
                outcome == null ? null : outcome.status,
                outcome == null ? null : outcome.amount,
                outcome == null ? null : outcome.currency);
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return value == null ? null : json.readValue(value, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
