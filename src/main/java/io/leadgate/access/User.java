package io.leadgate.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
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

    /** Shared by all of the user's sessions and set anew when they sign out or get a new password; null until the first sign-in. */
    @Column(name = "session_key")
    String sessionKey;

    public boolean isDisabled() {
        return disabledAt != null;
    }

    /**
     * The enabled users with this role, locked until the transaction ends, so that two administrators demoting each
     * other at once cannot both pass the last-administrator check.
     */
    static long lockActiveWithRole(Role role) {
        return find("role = ?1 and disabledAt is null order by id", role)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .size();
    }

    public static Optional<User> byEmail(String email) {
        return find("email", email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .firstResultOptional();
    }
}
