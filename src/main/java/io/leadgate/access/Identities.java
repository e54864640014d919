package io.leadgate.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The security identity of a user: the email as principal, the role, and the name to greet them by. */
final class Identities {

    private Identities() {}

    static SecurityIdentity of(User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.email))
                .addRole(user.role.roleName())
                .addAttribute("name", user.name == null ? user.email : user.name)
                .build();
    }
}
