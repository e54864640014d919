package io.leadgate.admin;

import jakarta.ws.rs.FormParam;

/** A change to one user from the users page: what to do, and what it needs (a role, a password, a token id). */
public class UserChangeForm {

    @FormParam("_csrf")
    public String csrf;

    /** role, password, disable, enable, delete or revoke. */
    @FormParam("action")
    public String action;

    @FormParam("role")
    public String role;

    @FormParam("password")
    public String password;

    @FormParam("token")
    public long token;
}
