package io.leadgate.nurture;

import io.leadgate.common.SuppressionList;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadChanged;
import io.leadgate.leads.LeadEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unsubscribe links and the suppression list. A link carries the lead's id and a signature, so it needs no cookie
 * (RFC 8058's one-click POST arrives without one) and cannot be guessed; unsubscribing twice changes nothing. The
 * list holds keyed hashes only, and delivery asks it again right before every marketing email.
 */
@ApplicationScoped
public class Unsubscribes implements SuppressionList {

    private static final String PURPOSE = "unsubscribe";

    private final NurtureSigner signer;
    private final Enrolments enrolments;
    private final EntityManager entities;

    Unsubscribes(NurtureSigner signer, Enrolments enrolments, EntityManager entities) {
        this.entities = entities;
        this.signer = signer;
        this.enrolments = enrolments;
    }

    /** The token of a lead's unsubscribe link. */
    public String tokenFor(String leadId) {
        return signer.token(PURPOSE, leadId);
    }

    /** The lead a token names, if its signature holds. */
    public Optional<String> leadOf(String token) {
        return signer.valueOf(PURPOSE, token);
    }

    /** Suppresses the lead's address and ends its sequence; true the first time, false when it already was. Empty for an unknown lead. */
    @Transactional
    public Optional<Boolean> unsubscribe(String leadId) {
        return Lead.byPublicId(leadId).map(lead -> {
            boolean first = add(lead.emailKey, "unsubscribed", lead);
            if (first) {
                enrolments.creditLastStep(lead.id, NurtureEvent.Kind.UNSUBSCRIBED);
            }
            return first;
        });
    }

    /** Erasure keeps the address only as a suppression hash, so it gets no marketing email again. */
    void onLeadChanged(@Observes LeadChanged change) {
        if (change.kind() == LeadChanged.Kind.ERASING) {
            // No timeline entry and no enrolment to end: erasure removes both.
            Lead.<Lead>findByIdOptional(change.leadId()).ifPresent(lead -> add(lead.emailKey, "erased", null));
        }
    }

    @Override
    @Transactional
    public boolean isSuppressed(String email) {
        return reasonFor(email).isPresent();
    }

    @Override
    @Transactional
    public Set<String> suppressedAmong(Collection<String> emails) {
        return reasonsFor(emails).keySet();
    }

    /** Why the address is suppressed (unsubscribed, bounced, erased), if it is. */
    @Transactional
    public Optional<String> reasonFor(String email) {
        return findAny(EmailAddress.key(email)).map(s -> s.reason);
    }

    /** {@link #reasonFor} for many addresses in one query: each suppressed address with its reason. */
    @Transactional
    public Map<String, String> reasonsFor(Collection<String> emails) {
        Map<String, List<String>> hashesOf = new LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (String email : emails) {
            List<String> hashes = signer.signatures("suppress:" + EmailAddress.key(email));
            hashesOf.put(email, hashes);
            all.addAll(hashes);
        }
        if (all.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = new HashMap<>();
        // Native: Hibernate translates a query with a list parameter again at every call.
        for (Object row : entities.createNativeQuery(
                        "SELECT email_hash, reason FROM suppression WHERE email_hash IN (:hashes)")
                .setParameter("hashes", all)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            found.put((String) columns[0], (String) columns[1]);
        }
        Map<String, String> reasons = new HashMap<>();
        hashesOf.forEach((email, hashes) -> {
            if (found.containsKey(hashes.getFirst())) {
                reasons.put(email, found.get(hashes.getFirst()));
            } else if (hashes.stream().anyMatch(found::containsKey)) {
                // Suppressed under a previous secret only: the single lookup copies the entry forward.
                findAny(EmailAddress.key(email)).ifPresent(s -> reasons.put(email, s.reason));
            }
        });
        return reasons;
    }

    @Override
    @Transactional
    public boolean suppress(String email, String reason) {
        String key = EmailAddress.key(email);
        return add(key, reason, Lead.<Lead>find("emailKey", key).firstResult());
    }

    private boolean add(String emailKey, String reason, Lead lead) {
        Instant now = Instant.now();
        boolean earlier = findAny(emailKey).isPresent();
        // Two unsubscribes at once both insert; the database keeps one and the other changes nothing.
        boolean first = entities.createNativeQuery("INSERT INTO suppression (email_hash, reason, created_at)"
                                + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                        .setParameter(1, hash(emailKey))
                        .setParameter(2, reason)
                        .setParameter(3, now)
                        .executeUpdate()
                == 1;
        if (!first || earlier) {
            return false;
        }
        if (lead != null) {
            LeadEvent.record(lead.id, reason, null, now);
            enrolments.exit(lead.id, lead.publicId, reason);
        }
        return true;
    }

    /** The entry under the current secret's hash or under a previous secret's; the latter is copied forward. */
    private Optional<Suppression> findAny(String emailKey) {
        List<String> hashes = signer.signatures("suppress:" + emailKey);
        for (int i = 0; i < hashes.size(); i++) {
            Optional<Suppression> found = Suppression.findByIdOptional(hashes.get(i));
            if (found.isPresent()) {
                if (i > 0) {
                    entities.createNativeQuery("INSERT INTO suppression (email_hash, reason, created_at)"
                                    + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                            .setParameter(1, hashes.getFirst())
                            .setParameter(2, found.get().reason)
                            .setParameter(3, found.get().createdAt)
                            .executeUpdate();
                }
                return found;
            }
        }
        return Optional.empty();
    }

    /** A keyed hash: the list proves an address opted out without holding the address itself. */
    String hash(String emailKey) {
        return signer.sign("suppress:" + emailKey);
    }
}
