package io.leadgate.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Errors from outside reach the logs without the addresses they quote. */
class LogSafeTest {

    @Test
    void addressesAreRedactedWhateverSurroundsThem() {
        assertEquals(
                "SMTP 550 5.1.1 <<address>>: Recipient address rejected",
                LogSafe.redact("SMTP 550 5.1.1 <ana.silva+news@acme.example>: Recipient address rejected"));
        assertEquals(
                "mailbox <address> is full (<address>)", LogSafe.redact("mailbox jörg@bücher.example is full (a@b.c)"));
        assertEquals("HTTP 500", LogSafe.redact("HTTP 500"));
        assertEquals(null, LogSafe.redact(null));
    }
}
