package io.leadgate.delivery;

import java.util.List;
import java.util.Map;

/**
 * An email rendered up front, so that sending it later needs nothing but this. {@code marketing} mail is checked
 * against the suppression list right before each attempt, and a permanent refusal puts its address on that list;
 * {@code headers} are extra headers such as List-Unsubscribe.
 */
public record EmailMessage(
        List<String> to,
        String replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        boolean marketing) {

    public EmailMessage {
        to = List.copyOf(to);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A transactional email, such as a sales alert. */
    public EmailMessage(List<String> to, String replyTo, String subject, String text, String html) {
        this(to, replyTo, subject, text, html, Map.of(), false);
    }
}
