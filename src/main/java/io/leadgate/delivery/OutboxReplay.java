package io.leadgate.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Sends failed messages again, keeping their id (the {@code webhook-id} receivers deduplicate on). */
@ApplicationScoped
@Transactional
public class OutboxReplay {

    /** Queues one failed message again; false if there is no failed message with that id. */
    public boolean replay(String messageId) {
        return OutboxMessage.update(
                        "status = ?1, attempts = 0, nextAttemptAt = ?2, leaseOwner = null, leaseUntil = null,"
                                + " completedAt = null where messageId = ?3 and status = ?4",
                        OutboxMessage.Status.PENDING,
                        Instant.now(),
                        messageId,
                        OutboxMessage.Status.FAILED)
                == 1;
    }

    /** Queues every message that failed since {@code since} again; returns how many. */
    public int replayFailedSince(Instant since) {
        return OutboxMessage.update(
                "status = ?1, attempts = 0, nextAttemptAt = ?2, leaseOwner = null, leaseUntil = null,"
                        + " completedAt = null where status = ?3 and completedAt >= ?4",
                OutboxMessage.Status.PENDING,
                Instant.now(),
                OutboxMessage.Status.FAILED,
                since);
    }

    /** Switches a disabled webhook endpoint back on. */
    public boolean enableEndpoint(String endpointKey) {
        return EndpointState.deleteById(endpointKey);
    }
}
