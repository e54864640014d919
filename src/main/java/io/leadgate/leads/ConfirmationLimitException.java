package io.leadgate.leads;

/** The address already waits on as many confirmation links as it may receive in a day; nothing was stored or sent. */
public class ConfirmationLimitException extends RuntimeException {

    public ConfirmationLimitException() {
        super("this address already has several unconfirmed links from the last day");
    }
}
