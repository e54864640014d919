package io.leadgate.common;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Addresses that must get no marketing email: asked by delivery right before each marketing send, and told by it when
 * a server refuses an address for good. Nurture keeps the list; delivery only sees this interface.
 */
public interface SuppressionList {

    boolean isSuppressed(String email);

    /** The addresses among these that are suppressed, asked at once for a batch about to be sent. */
    default Set<String> suppressedAmong(Collection<String> emails) {
        return emails.stream().filter(this::isSuppressed).collect(Collectors.toSet());
    }

    /** Adds the address with a reason (unsubscribed, bounced, erased); true if it was not on the list yet. */
    boolean suppress(String email, String reason);
}
