package io.leadgate.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Behind https every cookie gets the Secure attribute once. */
class SecureCookiesTest {

    @Test
    void addsSecureOnce() {
        assertEquals(
                "leadgate-session=abc; Path=/; HttpOnly; SameSite=Strict; Secure",
                SecureCookies.secure("leadgate-session=abc; Path=/; HttpOnly; SameSite=Strict"));
        assertEquals("a=b; Secure; HttpOnly", SecureCookies.secure("a=b; Secure; HttpOnly"));
        assertEquals("a=b; secure", SecureCookies.secure("a=b; secure"));
    }
}
