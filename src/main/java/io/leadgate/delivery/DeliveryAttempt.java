package io.leadgate.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One attempt to deliver a message: when, how long it took, the status, the error, and the start of the reply. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    @Column(name = "status_code")
    public Integer statusCode;

    /** delivered, retry, failed or disabled. */
    @Column(nullable = false)
    public String outcome;

    public String error;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    public static List<DeliveryAttempt> of(String messageId) {
        return list("messageId = ?1 order by attempt", messageId);
    }
}
