package io.leadgate.common;

/**
 * Addresses that must get no marketing email: asked by delivery right before each marketing send, and told by it when
 * a server refuses an address for good. Nurture keeps the list; delivery only sees this interface.
 */
public interface SuppressionList {

    boolean isSuppressed(String email);

    /** Adds the address with a reason (unsubscribed, bounced, erased); true if it was not on the list yet. */
    boolean suppress(String email, String reason);
}
