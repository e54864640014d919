package io.leadgate.forms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Where questionnaires are read from and how changes are picked up, under {@code leadgate.forms.*}. */
@ConfigMapping(prefix = "leadgate.forms")
public interface FormsConfig {

    /** Folder holding one YAML file per form (environment: LEADGATE_FORMS_DIR). */
    @WithDefault("forms")
    Path dir();

    /** How often the folder is checked for changed files; "off" stops reloading. */
    @WithDefault("2s")
    String reloadInterval();

    /** Accept plain-http webhook URLs and embed origins; for development and tests only. */
    @WithDefault("false")
    boolean allowInsecureUrls();
}
