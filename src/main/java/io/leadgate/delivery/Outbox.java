package io.leadgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Queues messages in the caller's transaction: they exist exactly when what caused them was committed, and
 * nothing is sent before that.
 */
@ApplicationScoped
public class Outbox {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fired in the transaction that queued a message; observers after commit know there is work. */
    public record Enqueued(String messageId) {}

    private final ObjectMapper json;
    private final Event<Enqueued> enqueued;

    Outbox(ObjectMapper json, Event<Enqueued> enqueued) {
        this.json = json;
        this.enqueued = enqueued;
    }

    /** Queues an email to send as soon as the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage email(String eventType, String subjectRef, EmailMessage email) {
        try {
            return enqueue(
                    Channel.EMAIL,
                    eventType,
                    String.join(",", email.to()),
                    null,
                    subjectRef,
                    json.writeValueAsString(email),
                    email.marketing() ? OutboxMessage.MARKETING : OutboxMessage.FIRST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an email", e);
        }
    }

    /**
     * Queues a webhook body for the endpoint named {@code endpointKey}, which finds its address and secrets at send
     * time; {@code destination} is what people see of it (its host), never a secret URL.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage webhook(
            String eventType, String subjectRef, String destination, String endpointKey, String body) {
        return enqueue(Channel.WEBHOOK, eventType, destination, endpointKey, subjectRef, body, OutboxMessage.FIRST);
    }

    /**
     * How many marketing emails are waiting to be sent, counted up to {@code cap}: nurture queues more only while
     * fewer than that wait, so that a burst of due steps stays in its own table instead of growing the outbox. Those
     * waiting to be retried count too: while the mail server refuses, nothing more piles up behind them.
     */
    @Transactional
    public int marketingWaiting(int cap) {
        return ((Number) OutboxMessage.getEntityManager()
                        .createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM outbox_message WHERE status = 'PENDING'"
                                + " AND priority = ?1 LIMIT ?2) waiting")
                        .setParameter(1, OutboxMessage.MARKETING)
                        .setParameter(2, cap)
                        .getSingleResult())
                .intValue();
    }

    /** Withdraws the messages of this type about this subject that are still waiting; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelPending(String subjectRef, String eventType) {
        return OutboxMessage.update(
                "status = ?1, completedAt = ?2, lastError = ?3 where subjectRef = ?4 and eventType = ?5 and status = ?6",
                OutboxMessage.Status.CANCELLED,
                Instant.now(),
                "cancelled before sending",
                subjectRef,
                eventType,
                OutboxMessage.Status.PENDING);
    }

    /** Deletes every message about this subject and its attempt log (erasure); returns how many messages. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseAbout(String subjectRef) {
        List<String> ids = OutboxMessage.<OutboxMessage>list("subjectRef", subjectRef).stream()
                .map(m -> m.messageId)
                .toList();
        if (!ids.isEmpty()) {
            DeliveryAttempt.delete("messageId in ?1", ids);
        }
        return (int) OutboxMessage.delete("subjectRef", subjectRef);
    }

    private OutboxMessage enqueue(
            Channel channel,
            String eventType,
            String destination,
            String endpointKey,
            String subjectRef,
            String payload,
            int priority) {
        OutboxMessage message = new OutboxMessage();
        message.messageId = newMessageId();
        message.channel = channel;
        message.eventType = eventType;
        message.destination = destination;
        message.endpointKey = endpointKey;
        message.subjectRef = subjectRef;
        message.payload = payload;
        message.status = OutboxMessage.Status.PENDING;
        message.attempts = 0;
        message.priority = priority;
        Instant now = Instant.now();
        message.nextAttemptAt = now;
        message.createdAt = now;
        message.persist();
        enqueued.fire(new Enqueued(message.messageId));
        return message;
    }

    /** A Standard Webhooks style id: {@code msg_} and 24 random bytes, URL-safe. */
    static String newMessageId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
