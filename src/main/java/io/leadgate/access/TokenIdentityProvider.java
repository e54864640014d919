package io.leadgate.access;

import io.leadgate.common.Digests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Finds the user behind an API token by the token's SHA-256 hash; revoked, expired and disabled users' tokens are refused. */
@ApplicationScoped
class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            ApiToken token = ApiToken.<ApiToken>find(
                            "tokenHash", Digests.sha256Hex(request.getToken().getToken()))
                    .firstResult();
            User user = token == null || !token.worksAt(Instant.now()) ? null : User.findById(token.userId);
            if (user == null || user.isDisabled()) {
                throw new AuthenticationFailedException("unknown, revoked or expired API token, or a disabled user");
            }
            return Identities.of(user);
        }));
    }
}
