package io.leadgate.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a valid session cookie (its name, decrypted by Quarkus form authentication) back into the user, reading the
 * role afresh, so that a changed role, a disabled or a deleted user takes effect on the next request; the request must
 * also carry the user's current session key, so that a sign-out or a new password ends sessions made before.
 */
@ApplicationScoped
class TrustedIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail(request.getPrincipal())
                        .filter(user -> !user.isDisabled())
                        .filter(user -> SessionKeys.holds(http, user))
                        .map(Identities::of)
                        .orElseThrow(() -> new AuthenticationFailedException("the user no longer exists"))));
    }
}
