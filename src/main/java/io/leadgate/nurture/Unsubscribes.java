package io.leadgate.nurture;

import io.leadgate.common.SuppressionList;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadChanged;
import io.leadgate.leads.LeadEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

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

    Unsubscribes(NurtureSigner signer, Enrolments enrolments) {
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

    /** Why the address is suppressed (unsubscribed, bounced, erased), if it is. */
    @Transactional
    public Optional<String> reasonFor(String email) {
        return Suppression.<Suppression>findByIdOptional(hash(EmailAddress.key(email)))
                .map(s -> s.reason);
    }

    @Override
    @Transactional
    public boolean suppress(String email, String reason) {
        String key = EmailAddress.key(email);
        return add(key, reason, Lead.<Lead>find("emailKey", key).firstResult());
    }

    private boolean add(String emailKey, String reason, Lead lead) {
        String hash = hash(emailKey);
        if (Suppression.findById(hash) != null) {
            return false;
        }
        Suppression suppression = new Suppression();
        suppression.emailHash = hash;
        suppression.reason = reason;
        suppression.createdAt = Instant.now();
        suppression.persist();
        if (lead != null) {
            LeadEvent.record(lead.id, reason, null, suppression.createdAt);
            enrolments.exit(lead.id, lead.publicId, reason);
        }
        return true;
    }

    /** A keyed hash: the list proves an address opted out without holding the address itself. */
    String hash(String emailKey) {
        return signer.sign("suppress:" + emailKey);
    }
}
