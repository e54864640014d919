package io.leadgate.reporting;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.FollowUp;
import io.leadgate.leads.Lead;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.Submission;
import io.leadgate.scoring.LedgerEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds a form's {@link Report} from submissions, outcomes, delivery and anonymous funnel events. Each lead counts
 * once per question, with its latest answer in the period; win rates count closed deals (won and lost) only.
 */
@ApplicationScoped
public class Reports {

    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};
    private static final TypeReference<List<String>> CODES = new TypeReference<>() {};
    private static final TypeReference<List<LedgerEntry>> LEDGER = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HIDDEN = new TypeReference<>() {};

    private final FormRegistry registry;
    private final EntityManager entities;
    private final ObjectMapper json;

    Reports(FormRegistry registry, EntityManager entities, ObjectMapper json) {
        this.registry = registry;
        this.entities = entities;
        this.json = json;
    }

    /** The report of a valid form for the days {@code from} to {@code to}, both included; empty for an unknown form. */
    public Optional<Report> of(String formId, LocalDate from, LocalDate to, String version) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            return Optional.empty();
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Optional.of(QuarkusTransaction.requiringNew().call(() -> build(form, from, to, start, end, version)));
    }

    private Report build(ValidForm form, LocalDate from, LocalDate to, Instant start, Instant end, String version) {
        FormDefinition definition = form.definition();
        String language = definition.defaultLanguage();
        List<Submission> submissions = Submission.<Submission>list(
                "formId = ?1 and submittedAt >= ?2 and submittedAt < ?3"
                        + (version == null ? "" : " and formVersion = ?4") + " order by submittedAt",
                version == null ? new Object[] {form.id(), start, end} : new Object[] {form.id(), start, end, version});
        Map<Long, Submission> latest = new LinkedHashMap<>();
        submissions.forEach(s -> latest.put(s.leadId, s));
        Map<Long, DealOutcome> outcomes = new HashMap<>();
        Map<Long, Lead> leads = new HashMap<>();
        if (!latest.isEmpty()) {
            DealOutcome.<DealOutcome>list("leadId in ?1", latest.keySet()).forEach(o -> outcomes.put(o.leadId, o));
            Lead.<Lead>list("id in ?1", latest.keySet()).forEach(l -> leads.put(l.id, l));
        }
        Map<Long, SalesFeedback> feedback = SalesFeedback.ofLeads(latest.keySet());

        Report.Funnel funnel = new Report.Funnel(
                funnelCount(form.id(), "view", start, end, version),
                funnelCount(form.id(), "start", start, end, version),
                submissions.size(),
                count(submissions, "qualified"),
                count(submissions, "nurture"),
                count(submissions, "disqualified"),
                requalified(latest.keySet(), start, end),
                outcomes.values().stream().filter(o -> "won".equals(o.status)).count());

        Map<LocalDate, long[]> weeks = new TreeMap<>();
        for (Submission s : submissions) {
            LocalDate week = s.submittedAt
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            long[] counts = weeks.computeIfAbsent(week, w -> new long[3]);
            counts["qualified".equals(s.verdict) ? 0 : "nurture".equals(s.verdict) ? 1 : 2]++;
        }
        List<Report.Week> weekly = weeks.entrySet().stream()
                .map(e -> new Report.Week(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();

        Map<String, Long> answered = answeredVisits(form.id(), start, end, version);
        List<Report.DropOff> dropOff = definition
                .questions()
                .filter(q -> q.type() != QuestionType.HIDDEN)
                .map(q -> new Report.DropOff(
                        q.id(), q.label() == null ? q.id() : q.label().in(language), answered.getOrDefault(q.id(), 0L)))
                .toList();

        List<Double> alertSeconds = speedToLead(leads.values(), start, end);
        List<Double> outcomeSeconds = new ArrayList<>();
        outcomes.values().forEach(o -> {
            Lead lead = leads.get(o.leadId);
            if (lead != null) {
                outcomeSeconds.add(
                        (double) Duration.between(lead.createdAt, o.recordedAt).toSeconds());
            }
        });

        List<Report.Segment> byVerdict = new ArrayList<>();
        for (String verdict : List.of("qualified", "nurture", "disqualified")) {
            byVerdict.add(segment(verdict, latest.values(), outcomes, s -> verdict.equals(s.verdict)));
        }
        List<Report.Segment> byBand = new ArrayList<>();
        for (int low = 80; low >= 0; low -= 20) {
            int floor = low;
            byBand.add(segment(
                    floor + "–" + (floor == 80 ? 100 : floor + 19),
                    latest.values(),
                    outcomes,
                    s -> s.score >= floor && (floor == 80 || s.score < floor + 20)));
        }

        Map<Long, Map<String, List<String>>> answers = new HashMap<>();
        latest.values().forEach(s -> answers.put(s.id, read(s.answers, ANSWERS)));
        List<Report.QuestionInsight> questions = new AnswerInsights(
                        language,
                        latest.values(),
                        answers,
                        outcomes,
                        dropOffCosts(definition, funnel, answered),
                        feedback)
                .of(definition);
        Map<Long, List<LedgerEntry>> ledgers = new HashMap<>();
        Map<Long, Map<String, String>> hidden = new HashMap<>();
        latest.values().forEach(s -> {
            if (feedback.containsKey(s.leadId)) {
                ledgers.put(s.id, read(s.ledger, LEDGER));
            }
            hidden.put(s.id, read(s.hiddenFields, HIDDEN));
        });
        SalesFeedbackReport salesFeedback =
                SalesFeedbackReport.of(definition, latest.values(), leads, feedback, ledgers, hidden);

        Map<String, Long> knockouts = new TreeMap<>();
        for (Submission s : submissions) {
            read(s.knockouts, CODES).forEach(code -> knockouts.merge(code, 1L, Long::sum));
        }
        List<Report.KnockoutCount> knockoutCounts = knockouts.entrySet().stream()
                .map(e -> new Report.KnockoutCount(
                        e.getKey(),
                        Optional.ofNullable(definition.knockouts().get(e.getKey()))
                                .filter(k -> k.reason() != null)
                                .map(k -> k.reason().in(language) + (k.nurtures() ? " (to nurture)" : ""))
                                .orElse(e.getKey()),
                        e.getValue()))
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .toList();

        return new Report(
                form.id(),
                definition.title().in(language),
                version,
                from,
                to,
                funnel,
                weekly,
                dropOff,
                latency(alertSeconds),
                latency(outcomeSeconds),
                byVerdict,
                byBand,
                questions,
                knockoutCounts,
                salesFeedback,
                firstResponse(latest.keySet(), feedback));
    }

    /**
     * Per rep (as alerts name them), alert to acceptance: an acceptance counts for the lead's latest alert before it,
     * so a lead reassigned after its follow-up deadline credits the rep who finally accepted it, from their own alert.
     */
    static List<Report.RepResponse> firstResponse(Collection<Long> leadIds, Map<Long, SalesFeedback> feedback) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, List<Double>> seconds = new HashMap<>();
        Map<Long, List<FollowUp>> alertsByLead = new HashMap<>();
        for (FollowUp alert : FollowUp.ofLeads(leadIds)) {
            alertsByLead.computeIfAbsent(alert.leadId, id -> new ArrayList<>()).add(alert);
            long[] count = counts.computeIfAbsent(alert.repEmail.toLowerCase(Locale.ROOT), rep -> new long[2]);
            count[0]++;
            if (FollowUp.REASSIGNED.equals(alert.ended)) {
                count[1]++;
            }
        }
        alertsByLead.forEach((leadId, alerts) -> {
            SalesFeedback said = feedback.get(leadId);
            if (said == null || !said.accepted()) {
                return;
            }
            alerts.stream()
                    .filter(alert -> !alert.alertedAt.isAfter(said.recordedAt))
                    .reduce((earlier, later) -> later)
                    .ifPresent(alert -> seconds.computeIfAbsent(
                                    alert.repEmail.toLowerCase(Locale.ROOT), rep -> new ArrayList<>())
                            .add(Duration.between(alert.alertedAt, said.recordedAt)
                                            .toMillis()
                                    / 1000.0));
        });
        return counts.entrySet().stream()
                .map(e -> new Report.RepResponse(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        latency(seconds.getOrDefault(e.getKey(), List.of()))))
                .toList();
    }

    /**
     * What each required question every visitor sees costs: of the visitors who reached it (who started the form, for
     * the first; who answered the required question before it, for the others), how many never answered it. Optional
     * and conditional questions have no cost here, since not answering them is no sign of leaving.
     */
    private static Map<String, Report.DropOffCost> dropOffCosts(
            FormDefinition definition, Report.Funnel funnel, Map<String, Long> answered) {
        Map<String, Report.DropOffCost> costs = new HashMap<>();
        long reached = funnel.starts();
        for (Step step : definition.steps()) {
            if (step.showIf() != null) {
                continue;
            }
            for (Question question : step.questions()) {
                if (question.type() == QuestionType.HIDDEN || !question.required() || question.showIf() != null) {
                    continue;
                }
                long done = answered.getOrDefault(question.id(), 0L);
                long left = Math.max(0, reached - done);
                costs.put(question.id(), new Report.DropOffCost(reached, left, rate(left, reached)));
                reached = done;
            }
        }
        return costs;
    }

    private static Report.Segment segment(
            String name, Collection<Submission> latest, Map<Long, DealOutcome> outcomes, Predicate<Submission> member) {
        List<Submission> in = latest.stream().filter(member).toList();
        long won = in.stream().filter(s -> isStatus(outcomes, s, "won")).count();
        long lost = in.stream().filter(s -> isStatus(outcomes, s, "lost")).count();
        BigDecimal revenue = BigDecimal.ZERO;
        Map<String, Integer> currencies = new HashMap<>();
        for (Submission s : in) {
            DealOutcome outcome = outcomes.get(s.leadId);
            if (outcome != null && "won".equals(outcome.status) && outcome.amount != null) {
                revenue = revenue.add(outcome.amount);
                currencies.merge(String.valueOf(outcome.currency), 1, Integer::sum);
            }
        }
        String currency = currencies.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        return new Report.Segment(name, in.size(), won, lost, rate(won, won + lost), revenue, currency);
    }

    static boolean isStatus(Map<Long, DealOutcome> outcomes, Submission s, String status) {
        DealOutcome outcome = outcomes.get(s.leadId);
        return outcome != null && status.equals(outcome.status);
    }

    private long funnelCount(String formId, String type, Instant start, Instant end, String version) {
        jakarta.persistence.Query query = entities.createNativeQuery(
                        "SELECT count(DISTINCT COALESCE(visit, CAST(id AS VARCHAR)))"
                                + " FROM funnel_event WHERE form_id = ?1 AND type = ?2 AND occurred_at >= ?3 AND occurred_at < ?4"
                                + (version == null ? "" : " AND form_version = ?5"))
                .setParameter(1, formId)
                .setParameter(2, type)
                .setParameter(3, start)
                .setParameter(4, end);
        if (version != null) {
            query.setParameter(5, version);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> answeredVisits(String formId, Instant start, Instant end, String version) {
        Map<String, Long> counts = new HashMap<>();
        jakarta.persistence.Query query = entities.createNativeQuery(
                        "SELECT detail, count(DISTINCT COALESCE(visit, CAST(id AS VARCHAR)))"
                                + " FROM funnel_event WHERE form_id = ?1 AND type = 'answer' AND occurred_at >= ?2 AND occurred_at < ?3"
                                + (version == null ? "" : " AND form_version = ?4") + " GROUP BY detail")
                .setParameter(1, formId)
                .setParameter(2, start)
                .setParameter(3, end);
        if (version != null) {
            query.setParameter(4, version);
        }
        List<Object[]> rows = query.getResultList();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    private long requalified(Collection<Long> leadIds, Instant start, Instant end) {
        if (leadIds.isEmpty()) {
            return 0;
        }
        return ((Number) entities.createQuery(
                                "select count(e) from LeadEvent e where e.leadId in ?1 and e.type = 'lead.requalified'"
                                        + " and e.occurredAt >= ?2 and e.occurredAt < ?3")
                        .setParameter(1, leadIds)
                        .setParameter(2, start)
                        .setParameter(3, end)
                        .getSingleResult())
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Double> speedToLead(Collection<Lead> leads, Instant start, Instant end) {
        if (leads.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = entities.createNativeQuery(
                        "SELECT m.created_at, min(a.attempted_at) FROM outbox_message m JOIN delivery_attempt a"
                                + " ON a.message_id = m.message_id WHERE m.channel = 'EMAIL' AND m.event_type IN ('lead.qualified', 'lead.requalified')"
                                + " AND m.subject_ref IN (?1) AND m.created_at >= ?2 AND m.created_at < ?3 GROUP BY m.message_id, m.created_at")
                .setParameter(1, leads.stream().map(l -> l.publicId).toList())
                .setParameter(2, start)
                .setParameter(3, end)
                .getResultList();
        List<Double> seconds = new ArrayList<>();
        for (Object[] row : rows) {
            seconds.add(Duration.between(instant(row[0]), instant(row[1])).toMillis() / 1000.0);
        }
        return seconds;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t
                ? t.toInstant()
                : value instanceof Instant i ? i : ((java.time.OffsetDateTime) value).toInstant();
    }

    static Report.Latency latency(List<Double> values) {
        if (values.isEmpty()) {
            return new Report.Latency(0, null, null);
        }
        List<Double> sorted = values.stream().sorted().toList();
        return new Report.Latency(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long count(List<Submission> submissions, String verdict) {
        return submissions.stream().filter(s -> verdict.equals(s.verdict)).count();
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    static Double lift(Double rate, Double base) {
        return rate == null || base == null || base == 0 ? null : rate / base;
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
