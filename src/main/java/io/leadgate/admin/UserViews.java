package io.leadgate.admin;

import io.leadgate.access.ApiToken;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.List;

/** Users and their tokens as the back office and the API show them: never a password hash or a token's value. */
final class UserViews {

    private UserViews() {}

    /** A user as listed, with their tokens; no password hash or token value ever leaves the server. */
    public record UserView(
            long id,
            String email,
            String name,
            String role,
            Instant createdAt,
            boolean disabled,
            Instant disabledAt,
            List<TokenView> tokens) {}

    /** A token as listed: what it is for, when it expires, whether it still works. */
    public record TokenView(
            long id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, boolean active) {}

    /** An API token, shown once. */
    public record IssuedToken(String name, String token, Instant expiresAt) {}

    /** A name for a new token, e.g. the integration that will use it, and when it should stop working (optional). */
    public record NewToken(String name, Instant expiresAt) {}

    /** Every user with their tokens. */
    static List<UserView> of(Users users) {
        return QuarkusTransaction.requiringNew()
                .call(() -> User.<User>list("order by email").stream()
                        .map(user -> of(user, users.tokensOf(user.id)))
                        .toList());
    }

    static UserView of(User user, List<ApiToken> tokens) {
        return new UserView(
                user.id,
                user.email,
                user.name,
                user.role.roleName(),
                user.createdAt,
                user.isDisabled(),
                user.disabledAt,
                tokens.stream().map(UserViews::of).toList());
    }

    static TokenView of(ApiToken token) {
        return new TokenView(
                token.id, token.name, token.createdAt, token.expiresAt, token.revokedAt, token.worksAt(Instant.now()));
    }
}
