package io.leadgate.nurture;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An address that must never get marketing email again, kept only as a keyed hash of its normalized form. */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntityBase {

    @Id
    @Column(name = "email_hash")
    public String emailHash;

    /** unsubscribed, bounced or erased. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
