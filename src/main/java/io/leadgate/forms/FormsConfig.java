package io.leadgate.forms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

    /** Which {@code ${NAME}} references forms may make in webhook fields. */
    Secrets secrets();

    /** Names a form may reference; every other setting stays out of its reach. */
    interface Secrets {

        /** Names starting with this may be referenced (environment: LEADGATE_FORMS_SECRETS_PREFIX). */
        @WithDefault(SecretReferences.DEFAULT_PREFIX)
        String prefix();

        /** Further names that may be referenced, comma-separated (environment: LEADGATE_FORMS_SECRETS_NAMES). */
        Optional<List<String>> names();
    }

    /** The references this configuration allows, looked up in the environment and configuration when a form loads. */
    default SecretReferences secretReferences() {
        return new SecretReferences(
                secrets().prefix(),
                secrets().names().orElse(List.of()),
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
    }
}
