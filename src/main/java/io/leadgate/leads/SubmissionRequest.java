package io.leadgate.leads;

import java.util.List;
import java.util.Map;

/**
 * A questionnaire as received: answers by question id (hidden fields included), and where it came from.
 * {@code idempotencyKey} makes a repeated post of the same submission return the first result.
 */
public record SubmissionRequest(
        Map<String, List<String>> answers, String language, String referrer, String ip, String idempotencyKey) {
    public SubmissionRequest {
        answers = Map.copyOf(answers);
    }
}
