package io.leadgate.access;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a sign-in (Quarkus form authentication) against the users table's bcrypt hashes. */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Compared against when the user does not exist, so that unknown and known names take the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password", 10);

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            User user = QuarkusTransaction.requiringNew()
                    .call(() -> User.byEmail(request.getUsername()).orElse(null));
            String password = new String(request.getPassword().getPassword());
            boolean matches = BcryptUtil.matches(password, user == null ? DUMMY_HASH : user.passwordHash);
            if (user == null || !matches) {
                throw new AuthenticationFailedException("wrong email or password");
            }
            return Identities.of(user);
        });
    }
}
