package io.leadgate.leads;

/** An Idempotency-Key was used again with a different body; nothing was stored and the first result is not shown. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException() {
        super("the Idempotency-Key was first used with a different body");
    }
}
