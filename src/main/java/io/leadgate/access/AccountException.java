package io.leadgate.access;

/** A change to an account that cannot be made, with the reason in words for the administrator who tried. */
public class AccountException extends IllegalArgumentException {

    public AccountException(String message) {
        super(message);
    }
}
