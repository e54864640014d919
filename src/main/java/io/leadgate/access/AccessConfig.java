package io.leadgate.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The first administrator, under {@code leadgate.access.*}; everyone else is added by an administrator. */
@ConfigMapping(prefix = "leadgate.access")
public interface AccessConfig {

    /** Email (the sign-in name) of the administrator created when there is no user yet. */
    @WithDefault("admin@localhost")
    String adminEmail();

    /** Its password; dev mode makes one up and prints it, production must set LEADGATE_ACCESS_ADMIN_PASSWORD. */
    Optional<String> adminPassword();
}
