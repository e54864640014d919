package io.leadgate.nurture;

import io.leadgate.common.Digests;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Unsubscribe links and the suppression list. A link carries the lead's id and a signature, so it needs no cookie
 * (RFC 8058's one-click POST arrives without one) and cannot be guessed; unsubscribing twice changes nothing.
 */
@ApplicationScoped
public class Unsubscribes {

    private final NurtureConfig config;

    Unsubscribes(NurtureConfig config) {
        this.config = config;
    }

    /** The token of a lead's unsubscribe link. */
    public String tokenFor(String leadId) {
        return leadId + "." + sign("unsubscribe:" + leadId).substring(0, 32);
    }

    /** The lead a token names, if its signature holds. */
    public Optional<String> leadOf(String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 100) {
            return Optional.empty();
        }
        String leadId = token.substring(0, dot);
        return MessageDigest.isEqual(tokenFor(leadId).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))
                ? Optional.of(leadId) : Optional.empty();
    }

    /** Suppresses the lead's address; true the first time, false when it already was. Empty for an unknown lead. */
    @Transactional
    public Optional<Boolean> unsubscribe(String leadId) {
        return Lead.byPublicId(leadId).map(lead -> {
            String hash = hash(lead.emailKey);
            if (Suppression.findById(hash) != null) {
                return false;
            }
            Suppression suppression = new Suppression();
            suppression.emailHash = hash;
            suppression.reason = "unsubscribed";
            suppression.createdAt = Instant.now();
            suppression.persist();
            LeadEvent.record(lead.id, "unsubscribed", null, suppression.createdAt);
            return true;
        });
    }

    /** Whether marketing email to this address is forbidden; asked again right before every send. */
    @Transactional
    public boolean isSuppressed(String email) {
        return Suppression.findById(hash(EmailAddress.key(email))) != null;
    }

    /** A keyed hash: the list proves an address opted out without holding the address itself. */
    String hash(String emailKey) {
        return sign("suppress:" + emailKey);
    }

    private String sign(String value) {
        String secret = config.secret().filter(s -> s.length() >= 16).orElseThrow(() -> new IllegalStateException(
                "leadgate.nurture.secret (LEADGATE_NURTURE_SECRET) is not set: unsubscribe links cannot be made or checked"));
        return HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), value));
    }
}
