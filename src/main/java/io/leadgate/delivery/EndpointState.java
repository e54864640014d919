package io.leadgate.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A webhook endpoint that was switched off (410 Gone, or failing for days), and why. */
@Entity
@Table(name = "webhook_endpoint_state")
public class EndpointState extends PanacheEntityBase {

    @Id
    @Column(name = "endpoint_key")
    public String endpointKey;

    @Column(name = "disabled_at", nullable = false)
    public Instant disabledAt;

    @Column(nullable = false)
    public String reason;

    public static boolean isDisabled(String endpointKey) {
        return endpointKey != null && findById(endpointKey) != null;
    }
}
