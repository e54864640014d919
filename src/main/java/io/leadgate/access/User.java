package io.leadgate.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A person who signs in to the back office; a sales user's email is the rep address leads are assigned to. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String email;

    public String name;

    /** A bcrypt hash in modular crypt format. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When an administrator disabled the account; its sessions and tokens stop working at once. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public boolean isDisabled() {
        return disabledAt != null;
    }

    /** The enabled users with this role. */
    static long activeWithRole(Role role) {
        return count("role = ?1 and disabledAt is null", role);
    }

    public static Optional<User> byEmail(String email) {
        return find("email", email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .firstResultOptional();
    }
}
