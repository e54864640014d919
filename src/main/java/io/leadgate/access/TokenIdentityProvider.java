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

/** Finds the user behind an API token by the token's SHA-256 hash; revoked tokens are refused. */
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
                            "tokenHash = ?1 and revokedAt is null",
                            Digests.sha256Hex(request.getToken().getToken()))
                    .firstResult();
            User user = token == null ? null : User.findById(token.userId);
            if (user == null) {
                throw new AuthenticationFailedException("unknown or revoked API token");
            }
            return Identities.of(user);
        }));
    }
}
