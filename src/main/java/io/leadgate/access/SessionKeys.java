package io.leadgate.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The second half of a back-office session: the encrypted session cookie says who signed in, and this cookie must
 * carry the user's current session key, so that signing out, a new password or deletion ends every session at once.
 */
final class SessionKeys {

    static final String COOKIE = "leadgate-session-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {}

    /** The user's key, made on their first sign-in after the last change; the caller's transaction stores it. */
    static String of(User user) {
        if (user.sessionKey == null) {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            user.sessionKey = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return user.sessionKey;
    }

    static void give(RoutingContext http, String key, boolean secure) {
        http.response().addCookie(cookie(COOKIE, key, secure));
    }

    /** A cookie only Leadgate's own pages send and no script reads. */
    static Cookie cookie(String name, String value, boolean secure) {
        return Cookie.cookie(name, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }

    /** Whether the request carries the user's current key. */
    static boolean holds(RoutingContext http, User user) {
        Cookie cookie = http == null ? null : http.request().getCookie(COOKIE);
        return cookie != null
                && user.sessionKey != null
                && MessageDigest.isEqual(
                        cookie.getValue().getBytes(StandardCharsets.US_ASCII),
                        user.sessionKey.getBytes(StandardCharsets.US_ASCII));
    }
}
