package io.leadgate.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** One message waiting to be sent, or sent, with a stable id that every attempt reuses. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    /** Where a message stands; CANCELLED was never sent on purpose (the lead left its sequence, or opted out). */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED,
        CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_message_ids")
    @SequenceGenerator(name = "outbox_message_ids", sequenceName = "outbox_message_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "message_id", nullable = false, unique = true)
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String destination;

    /** Names the endpoint whose current secrets sign a webhook, so no secret is ever stored here. */
    @Column(name = "endpoint_key")
    public String endpointKey;

    /** An opaque reference to whom the message is about, so that erasure can find it. */
    @Column(name = "subject_ref")
    public String subjectRef;

    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    /** {@link #FIRST} or {@link #MARKETING}: the claim takes lower numbers first, then the earliest due. */
    @Column(nullable = false)
    public int priority;

    /** Sales alerts, webhooks and every other message someone waits for. */
    public static final int FIRST = 0;

    /** Marketing email (nurture steps): it goes once nothing more urgent is due. */
    public static final int MARKETING = 1;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /**
     * The destination as people may see it: a webhook's scheme, host and port only (chat webhook URLs carry their
     * secret in the path, and messages queued before only hosts were stored hold whole URLs); email addresses as they are.
     */
    public String shownDestination() {
        if (channel != Channel.WEBHOOK) {
            return destination;
        }
        try {
            java.net.URI uri = java.net.URI.create(destination);
            return uri.getHost() == null
                    ? "(hidden)"
                    : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(hidden)";
        }
    }

    /** The message in a row read by plain SQL with every column of {@code outbox_message}; not managed. */
    static OutboxMessage of(ResultSet row) throws SQLException {
        OutboxMessage message = new OutboxMessage();
        message.id = row.getLong("id");
        message.messageId = row.getString("message_id");
        message.channel = Channel.valueOf(row.getString("channel"));
        message.eventType = row.getString("event_type");
        message.destination = row.getString("destination");
        message.endpointKey = row.getString("endpoint_key");
        message.subjectRef = row.getString("subject_ref");
        message.payload = row.getString("payload");
        message.status = Status.valueOf(row.getString("status"));
        message.attempts = row.getInt("attempts");
        message.priority = row.getInt("priority");
        message.nextAttemptAt = instant(row, "next_attempt_at");
        message.leaseOwner = row.getString("lease_owner");
        message.leaseUntil = instant(row, "lease_until");
        message.lastError = row.getString("last_error");
        message.createdAt = instant(row, "created_at");
        message.completedAt = instant(row, "completed_at");
        return message;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static List<OutboxMessage> about(String subjectRef) {
        return list("subjectRef = ?1 order by createdAt, id", subjectRef);
    }
}
