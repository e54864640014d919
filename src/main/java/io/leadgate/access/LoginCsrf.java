package io.leadgate.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Login CSRF: the sign-in page sets a random value in a {@code SameSite=Strict} cookie and the same value in a
 * hidden field; a sign-in whose field does not match its cookie came from another site and is refused, so no page
 * can sign a visitor in to an account of its choosing.
 */
public final class LoginCsrf {

    /** The cookie, read back by the identity provider when the sign-in is posted. */
    public static final String COOKIE = "leadgate-login-csrf";
    /** The hidden field of the sign-in form. */
    public static final String FIELD = "_csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginCsrf() {}

    public static String newValue() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static boolean matches(String cookie, String field) {
        return cookie != null
                && field != null
                && cookie.length() >= 16
                && MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII));
    }
}
