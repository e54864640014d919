package io.leadgate.delivery;

import java.util.List;

/** An email rendered up front, so that sending it later needs nothing but this. */
public record EmailMessage(List<String> to, String replyTo, String subject, String text, String html) {
    public EmailMessage {
        to = List.copyOf(to);
    }
}
