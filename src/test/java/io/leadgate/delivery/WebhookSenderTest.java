package io.leadgate.delivery;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class WebhookSenderTest {

    @Test
    void anErrorNeverShowsTheSecretPathOrQuery() {
        URI url = URI.create("https://hooks.slack.example/services/T000/B000/XXXXSECRET?token=abc123");
        String error = WebhookSender.withoutPath(
                "The timeout period of 2000ms has been exceeded while executing POST /services/T000/B000/XXXXSECRET?token=abc123 for server hooks.slack.example:443",
                url);
        assertFalse(error.contains("XXXXSECRET"), error);
        assertFalse(error.contains("abc123"), error);
        assertEquals("host-only: hooks.slack.example", WebhookSender.withoutPath("host-only: " + url, url));
        assertNull(WebhookSender.withoutPath(null, url));
    }
}
