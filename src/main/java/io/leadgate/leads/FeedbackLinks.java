package io.leadgate.leads;

import io.leadgate.common.Digests;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.forms.definition.FeedbackReason;
import io.leadgate.forms.definition.FormDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The one-click feedback links of a sales alert. A token seals (AES-256-GCM, a key derived from
 * {@code leadgate.nurture.secret}) which lead, which choice, who the alert went to and when it was made: nobody can
 * change a choice, move it to another lead or read the recipient from the URL, and a token changed in any character is
 * refused. Like follow-up links, tokens need the current secret, so a rotation cuts every outstanding one off.
 */
@ApplicationScoped
public class FeedbackLinks {

    /** What a valid token asks to record: {@code reason} is null for accepted. */
    public record Claim(String leadId, String outcome, String reason, String recordedBy, Instant issuedAt) {}

    /** One link of an alert: its words ("Accepted", "Not a fit: No budget") and its URL. */
    public record Link(String outcome, String reason, String label, String url) {}

    private static final String VERSION = "f1";
    private static final int NONCE_BYTES = 12;
    private static final int MAX_TOKEN_LENGTH = 600;

    private final LeadgateConfig config;
    /** A key of its own for these links, so that nothing else signed with the nurture secret can ever pass as one. */
    private final Optional<SecretKeySpec> key;

    private final SecureRandom random = new SecureRandom();
    /** Looking a cipher up costs more than sealing with it; one per thread, initialised afresh for every token. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    FeedbackLinks(LeadgateConfig config, @ConfigProperty(name = "leadgate.nurture.secret") Optional<String> secret) {
        this.config = config;
        this.key = secret.filter(s -> s.length() >= 16)
                .map(s -> new SecretKeySpec(
                        Digests.hmacSha256(s.getBytes(StandardCharsets.UTF_8), "leadgate sales feedback links v1"),
                        "AES"));
    }

    /** "Accepted" and one "Not a fit" link per reason the form declares, recorded as said by {@code recordedBy}. */
    public List<Link> forAlert(Lead lead, FormDefinition definition, String recordedBy, Instant now) {
        if (key.isEmpty()) {
            return List.of();
        }
        String language = definition.defaultLanguage();
        List<Link> links = new ArrayList<>();
        links.add(new Link(
                SalesFeedback.ACCEPTED,
                null,
                "Accepted",
                url(seal(lead.publicId, SalesFeedback.ACCEPTED, null, recordedBy, now))));
        for (FeedbackReason reason : definition.notAFitReasons()) {
            links.add(new Link(
                    SalesFeedback.REJECTED,
                    reason.code(),
                    "Not a fit: " + reason.label().in(language),
                    url(seal(lead.publicId, SalesFeedback.REJECTED, reason.code(), recordedBy, now))));
        }
        return links;
    }

    private String url(String token) {
        return config.baseUrl() + "/feedback/" + token;
    }

    String seal(String leadId, String outcome, String reason, String recordedBy, Instant issuedAt) {
        String payload = String.join(
                "\n",
                VERSION,
                leadId,
                outcome,
                reason == null ? "" : reason,
                String.valueOf(issuedAt.getEpochSecond()),
                recordedBy);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce)
                .map(c -> {
                    try {
                        return c.doFinal(payload.getBytes(StandardCharsets.UTF_8));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElseThrow(() -> new IllegalStateException("leadgate.nurture.secret is not set"));
        byte[] token = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, token, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, token, NONCE_BYTES, sealed.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** What the token asks, if it was sealed with the current secret and not changed since. */
    public Optional<Claim> open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Base64's last character may carry unused bits: only the one spelling of the bytes counts as the token.
        if (bytes.length <= NONCE_BYTES + 16
                || !Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bytes)
                        .equals(token)) {
            return Optional.empty();
        }
        byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        Optional<Cipher> cipher = cipher(Cipher.DECRYPT_MODE, nonce);
        if (cipher.isEmpty()) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(
                    cipher.get().doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String[] parts = payload.split("\n", -1);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(
                    parts[1],
                    parts[2],
                    parts[3].isEmpty() ? null : parts[3],
                    parts[5],
                    Instant.ofEpochSecond(Long.parseLong(parts[4]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Cipher> cipher(int mode, byte[] nonce) {
        return key.map(spec -> {
            try {
                Cipher cipher = ciphers.get();
                cipher.init(mode, spec, new GCMParameterSpec(128, nonce));
                return cipher;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
