package io.leadgate.leads;

import java.util.List;
import java.util.Map;

/**
 * A questionnaire as received: answers by question id (hidden fields included), and where it came from.
 * {@code idempotencyKey} makes a repeated post of the same submission return the first result; with
 * {@code requestHash} (the body's hash, set by the JSON API) the same key with another body is refused.
 * {@code experimentId} and {@code variant} name the experiment's variant the prospect answered, if any.
 */
public record SubmissionRequest(
        Map<String, List<String>> answers,
        String language,
        String referrer,
        String ip,
        String idempotencyKey,
        String requestHash,
        Long experimentId,
        String variant) {

    public SubmissionRequest {
        answers = Map.copyOf(answers);
    }

    /** A request whose idempotency key is not tied to its body (the hosted form's token, or none). */
    public SubmissionRequest(
            Map<String, List<String>> answers, String language, String referrer, String ip, String idempotencyKey) {
        this(answers, language, referrer, ip, idempotencyKey, null, null, null);
    }

    /** A request whose idempotency key is tied to its body's hash (the JSON API). */
    public SubmissionRequest(
            Map<String, List<String>> answers,
            String language,
            String referrer,
            String ip,
            String idempotencyKey,
            String requestHash) {
        this(answers, language, referrer, ip, idempotencyKey, requestHash, null, null);
    }

    public SubmissionRequest withAnswers(Map<String, List<String>> kept) {
        return new SubmissionRequest(kept, language, referrer, ip, idempotencyKey, requestHash, experimentId, variant);
    }

    /** The same request, answered on this variant of an experiment. */
    public SubmissionRequest inVariant(long experiment, String key) {
        return new SubmissionRequest(answers, language, referrer, ip, idempotencyKey, requestHash, experiment, key);
    }
}
