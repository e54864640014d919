package io.leadgate.leads;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Walks the leads of a form a few hundred at a time, each with its submissions to that form in the order they
 * arrived, so that a replay over any history needs memory for one batch only.
 */
final class LeadBatches {

    static final int BATCH = 500;

    private LeadBatches() {}

    /** How many leads of the form answered it within the period (either end may be null). */
    static long count(String formId, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Submission.getEntityManager()
                        .createQuery(
                                "select count(distinct s.leadId) from Submission s where s.formId = :form"
                                        + " and s.submittedAt >= :from and s.submittedAt < :to",
                                Long.class)
                        .setParameter("form", formId)
                        .setParameter("from", from == null ? Instant.EPOCH : from)
                        .setParameter("to", to == null ? Instant.parse("9999-12-31T00:00:00Z") : to)
                        .getSingleResult());
    }

    /** Hands each batch to {@code batch}: lead id to its submissions, in lead id order. */
    static void forEach(String formId, Instant from, Instant to, Consumer<Map<Long, List<Submission>>> batch) {
        long last = 0;
        while (true) {
            long after = last;
            Map<Long, List<Submission>> leads = QuarkusTransaction.requiringNew()
                    .call(() -> {
                        List<Long> ids = Submission.getEntityManager()
                                .createQuery(
                                        "select distinct s.leadId from Submission s where s.formId = :form and s.leadId > :after"
                                                + " and s.submittedAt >= :from and s.submittedAt < :to order by s.leadId",
                                        Long.class)
                                .setParameter("form", formId)
                                .setParameter("after", after)
                                .setParameter("from", from == null ? Instant.EPOCH : from)
                                .setParameter("to", to == null ? Instant.parse("9999-12-31T00:00:00Z") : to)
                                .setMaxResults(BATCH)
                                .getResultList();
                        Map<Long, List<Submission>> byLead = new LinkedHashMap<>();
                        if (ids.isEmpty()) {
                            return byLead;
                        }
                        ids.forEach(id -> byLead.put(id, new ArrayList<>()));
                        Submission.<Submission>list(
                                        "formId = ?1 and leadId in ?2 order by leadId, submittedAt, id", formId, ids)
                                .forEach(s -> byLead.get(s.leadId).add(s));
                        Submission.getEntityManager().clear();
                        return byLead;
                    });
            if (leads.isEmpty()) {
                return;
            }
            batch.accept(leads);
            last = leads.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }
}
