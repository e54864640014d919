package io.leadgate.access;

import io.leadgate.common.LeadgateConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;

/**
 * Checks a sign-in (Quarkus form authentication) against the users table's bcrypt hashes, after its CSRF token and
 * the login throttle; disabled users cannot sign in. Every refusal reads the same to the person signing in. A
 * sign-in also hands out the user's session key ({@link SessionKeys}).
 */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /**
     * Compared against when the user does not exist, so that unknown and known names take the same time. A fixed
     * hash of a throwaway password at {@link Users}' cost: computing one at start-up cost 70 ms of CPU.
     */
    static final String DUMMY_HASH = "$2a$10$RGQ3nWPFAVbm4SMXyRSUpe/eCqfipj0ci6ObToVcOPUwwga5KU2su";

    /** Marks a browser that signed in to an account before, which the account-wide ceiling lets pass. */
    static final String DEVICE_COOKIE = "leadgate-device";

    private static final long DEVICE_COOKIE_AGE = 180L * 24 * 3600;

    private final LoginThrottle throttle;
    private final LeadgateConfig config;

    PasswordIdentityProvider(LoginThrottle throttle, LeadgateConfig config) {
        this.throttle = throttle;
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> {
            if (http == null || !sameSite(http)) {
                throw new AuthenticationFailedException("sign-in without its CSRF token");
            }
            String email = request.getUsername();
            String address = http.request().remoteAddress() == null
                    ? null
                    : http.request().remoteAddress().hostAddress();
            Instant now = Instant.now();
            Cookie device = http.request().getCookie(DEVICE_COOKIE);
            boolean knownDevice = throttle.isKnownDevice(email, device == null ? null : device.getValue());
            if (!throttle.attempt(email, address, knownDevice, now)) {
                throw new AuthenticationFailedException("too many failed sign-ins; wait");
            }
            User user = QuarkusTransaction.requiringNew()
                    .call(() -> User.byEmail(email).orElse(null));
            String password = new String(request.getPassword().getPassword());
            boolean matches = BcryptUtil.matches(password, user == null ? DUMMY_HASH : user.passwordHash);
            if (user == null || !matches || user.isDisabled()) {
                throw new AuthenticationFailedException("wrong email or password");
            }
            throttle.succeeded(email, address);
            String key = QuarkusTransaction.requiringNew()
                    .call(() -> SessionKeys.of(User.<User>findById(user.id, LockModeType.PESSIMISTIC_WRITE)));
            boolean secure = http.request().isSSL()
                    || "https".equalsIgnoreCase(config.publicUrl().getScheme());
            SessionKeys.give(http, key, secure);
            http.response()
                    .addCookie(SessionKeys.cookie(DEVICE_COOKIE, throttle.deviceToken(email), secure)
                            .setMaxAge(DEVICE_COOKIE_AGE));
            return Identities.of(user);
        });
    }

    private static boolean sameSite(RoutingContext http) {
        Cookie cookie = http.request().getCookie(LoginCsrf.COOKIE);
        return LoginCsrf.matches(
                cookie == null ? null : cookie.getValue(), http.request().getFormAttribute(LoginCsrf.FIELD));
    }
}
