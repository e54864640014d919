package io.leadgate.access;

/** What a back-office user may do; the names are the roles Quarkus security checks. */
public enum Role {
    /** Everything, including users and API tokens. */
    ADMIN,
    /** Forms, previews, the simulator, reports and sequences; no personal data. */
    MARKETER,
    /** Their own leads and their outcomes. */
    SALES;

    public static final String ADMIN_NAME = "admin";
    public static final String MARKETER_NAME = "marketer";
    public static final String SALES_NAME = "sales";

    public String roleName() {
        return name().toLowerCase();
    }
}
