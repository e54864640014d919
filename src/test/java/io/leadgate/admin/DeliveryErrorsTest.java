package io.leadgate.admin;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw delivery errors, as the senders store them, read as sentences that say what happened and what comes next. */
class DeliveryErrorsTest {

    private static final Instant RETRY = Instant.parse("2026-12-01T14:05:00Z");

    @Test
    void aRefusedConnectionNamesTheServerAndTheNextTry() {
        assertEquals(
                "The mail server at 127.0.0.1:40853 refused the connection: nothing is listening there, or a firewall"
                        + " says no. Check that the server is running and the port is right. Leadgate will try again"
                        + " at 14:05 UTC.",
                DeliveryErrors.explain(
                        "EMAIL",
                        "CompletionException: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection"
                                + " refused: /127.0.0.1:40853",
                        RETRY));
    }

    @Test
    void dnsFailuresNameTheHost() {
        assertTrue(DeliveryErrors.explain(
                        "webhook",
                        "SearchDomainUnknownHostException: Failed to resolve 'crm.nowhere.invalid' [A(1), AAAA(28)]")
                .startsWith("The name crm.nowhere.invalid could not be found (DNS)."));
        assertTrue(
                DeliveryErrors.explain("webhook", "the host does not resolve").contains("could not be found (DNS)"));
        assertTrue(DeliveryErrors.explain("email", "UnknownHostException: smtp.internal: Name or service not known")
                .startsWith("The name smtp.internal could not be found (DNS)."));
    }

    @Test
    void smtpRepliesSayWhetherTheRefusalIsFinal() {
        String permanent = DeliveryErrors.explain("email", "SMTP 550 5.1.1 <ana@acme.example>: user unknown", null);
        assertTrue(permanent.startsWith("The mail server refused this message for good (SMTP 550)"), permanent);
        assertTrue(permanent.endsWith("fix the cause, then replay the message."), permanent);
        assertTrue(DeliveryErrors.explain("email", "SMTP 451 try again later")
                .startsWith("The mail server could not take the message for now (SMTP 451)"));
    }

    @Test
    void httpStatusesAndTimeoutsReadAsSentences() {
        assertEquals(
                "The receiving server answered HTTP 401: it refused our credentials; check the webhook secret or"
                        + " token on both sides.",
                DeliveryErrors.explain("webhook", "HTTP 401"));
        assertTrue(DeliveryErrors.explain("webhook", "HTTP 503").contains("an error on the receiver's side"));
        assertTrue(DeliveryErrors.explain("slack", "timeout after 10 s").contains("did not answer in time"));
        assertTrue(
                DeliveryErrors.explain("webhook", "307 redirect (not followed)").contains("does not follow"));
        assertTrue(DeliveryErrors.explain("webhook", "endpoint disabled").contains("switched off"));
        assertEquals("", DeliveryErrors.explain("webhook", null, RETRY));
    }
}
