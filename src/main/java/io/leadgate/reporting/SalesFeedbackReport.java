package io.leadgate.reporting;

import io.leadgate.forms.definition.FeedbackReason;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.leads.Lead;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.Submission;
import io.leadgate.scoring.LedgerEntry;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What sales said of the leads that reached them (qualified in the period): accepted and "not a fit" with the reasons,
 * in total, per form version, per source (UTM source, else the referring domain, else direct) and per rep (who gave the
 * feedback, else the lead's rep), and the leads sales rejected although the score qualified them, with the answers that
 * qualified them and nothing that names the person.
 */
public record SalesFeedbackReport(
        Group total,
        List<Group> byVersion,
        List<Group> bySource,
        List<Group> byRep,
        List<RejectedLead> rejectedQualified) {

    /**
     * A group of qualified leads: how many, how many sales accepted and rejected, the accepted share of those with
     * feedback ({@code acceptedRate}, null without any), and the rejections per reason, most frequent first.
     */
    public record Group(
            String name, long leads, long accepted, long rejected, Double acceptedRate, List<ReasonCount> reasons) {}

    public record ReasonCount(String code, String label, long count) {}

    /** A qualified lead sales rejected: what it scored, why sales said no, and the answers that gave it its points. */
    public record RejectedLead(
            String leadId,
            String formVersion,
            Instant submittedAt,
            int score,
            String reason,
            String reasonLabel,
            String recordedBy,
            String source,
            List<String> qualifiedBy) {}

    /** One way of grouping, as the report page draws it: a key for ids, a heading and the first column's name. */
    public record Section(String key, String title, String column, List<Group> groups) {}

    /** The groupings in the order the page shows them. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<Section> sections() {
        return List.of(
                new Section("version", "By form version", "Version", byVersion),
                new Section("source", "By source", "Source", bySource),
                new Section("rep", "By rep", "Rep", byRep));
    }

    /** At most this many rejected qualified leads are listed, newest first. */
    static final int MAX_LISTED = 100;

    /**
     * {@code latest} is each lead's latest submission in the period, {@code ledgers} their ledgers by submission id,
     * {@code hidden} their hidden fields by submission id.
     */
    static SalesFeedbackReport of(
            FormDefinition definition,
            Collection<Submission> latest,
            Map<Long, Lead> leads,
            Map<Long, SalesFeedback> feedback,
            Map<Long, List<LedgerEntry>> ledgers,
            Map<Long, Map<String, String>> hidden) {
        String language = definition.defaultLanguage();
        Map<String, String> labels = new LinkedHashMap<>();
        for (FeedbackReason reason : definition.notAFitReasons()) {
            labels.put(reason.code(), reason.label().in(language));
        }
        List<Submission> qualified =
                latest.stream().filter(s -> "qualified".equals(s.verdict)).toList();
        Function<Submission, String> source = s -> source(hidden.getOrDefault(s.id, Map.of()), s.referrer);
        Function<Submission, String> rep = s -> {
            SalesFeedback said = feedback.get(s.leadId);
            Lead lead = leads.get(s.leadId);
            return said != null
                    ? said.recordedBy
                    : lead != null && lead.assignedRep != null ? lead.assignedRep : "no rep";
        };
        List<RejectedLead> rejected = qualified.stream()
                .filter(s ->
                        feedback.containsKey(s.leadId) && feedback.get(s.leadId).rejected())
                .sorted(Comparator.comparing((Submission s) -> s.submittedAt).reversed())
                .limit(MAX_LISTED)
                .map(s -> {
                    SalesFeedback said = feedback.get(s.leadId);
                    Lead lead = leads.get(s.leadId);
                    return new RejectedLead(
                            lead == null ? null : lead.publicId,
                            s.formVersion,
                            s.submittedAt,
                            s.score,
                            said.reason,
                            said.reason == null ? null : labels.getOrDefault(said.reason, said.reason),
                            said.recordedBy,
                            source.apply(s),
                            ledgers.getOrDefault(s.id, List.of()).stream()
                                    .filter(e -> e.counted() && e.points() > 0)
                                    .map(LedgerEntry::reason)
                                    .toList());
                })
                .toList();
        return new SalesFeedbackReport(
                group("all qualified leads", qualified, feedback, labels),
                groups(qualified, s -> s.formVersion, feedback, labels),
                groups(qualified, source, feedback, labels),
                groups(qualified, rep, feedback, labels),
                rejected);
    }

    private static List<Group> groups(
            List<Submission> submissions,
            Function<Submission, String> key,
            Map<Long, SalesFeedback> feedback,
            Map<String, String> labels) {
        Map<String, List<Submission>> grouped = new LinkedHashMap<>();
        submissions.forEach(s ->
                grouped.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s));
        return grouped.entrySet().stream()
                .map(e -> group(e.getKey(), e.getValue(), feedback, labels))
                .sorted(Comparator.comparingLong(Group::leads).reversed().thenComparing(Group::name))
                .toList();
    }

    private static Group group(
            String name, List<Submission> submissions, Map<Long, SalesFeedback> feedback, Map<String, String> labels) {
        long accepted = 0;
        long rejected = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Submission s : submissions) {
            SalesFeedback said = feedback.get(s.leadId);
            if (said == null) {
                continue;
            }
            if (said.accepted()) {
                accepted++;
            } else if (said.rejected()) {
                rejected++;
                reasons.merge(said.reason == null ? "unknown" : said.reason, 1L, Long::sum);
            }
        }
        List<ReasonCount> counts = reasons.entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), labels.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::count).reversed())
                .toList();
        return new Group(
                name, submissions.size(), accepted, rejected, Reports.rate(accepted, accepted + rejected), counts);
    }

    /** The UTM source (lower case), else the referring site's domain, else direct. */
    static String source(Map<String, String> hidden, String referrer) {
        String utm = hidden.get("utm_source");
        if (utm != null && !utm.isBlank()) {
            String value = utm.strip().toLowerCase(Locale.ROOT);
            return value.length() > 100 ? value.substring(0, 100) : value;
        }
        if (referrer != null) {
            try {
                String host = new URI(referrer.strip()).getHost();
                if (host != null) {
                    host = host.toLowerCase(Locale.ROOT);
                    return host.startsWith("www.") ? host.substring(4) : host;
                }
            } catch (Exception e) {
                // Not an address: counted as direct.
            }
        }
        return "direct";
    }
}
