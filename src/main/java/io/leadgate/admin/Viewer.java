package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at a back-office page: their name, what their role lets them open, and their CSRF token. */
public record Viewer(
        String name, String email, String roleName, boolean admin, boolean marketer, boolean sales, String csrf) {

    static Viewer of(SecurityIdentity identity, CsrfTokens csrf) {
        String role = identity.hasRole(Role.ADMIN_NAME)
                ? Role.ADMIN_NAME
                : identity.hasRole(Role.MARKETER_NAME) ? Role.MARKETER_NAME : Role.SALES_NAME;
        String name = identity.getAttribute("name");
        return new Viewer(
                name == null ? identity.getPrincipal().getName() : name,
                identity.getPrincipal().getName(),
                role,
                identity.hasRole(Role.ADMIN_NAME),
                identity.hasRole(Role.MARKETER_NAME),
                identity.hasRole(Role.SALES_NAME),
                csrf.tokenFor(identity));
    }

    public boolean seesLeads() {
        return admin || sales;
    }

    public boolean seesForms() {
        return admin || marketer;
    }
}
