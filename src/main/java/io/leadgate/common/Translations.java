package io.leadgate.common;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Locale;
import java.util.Set;

/**
 * The languages Leadgate's own words are translated into (a {@code messages/<bundle>_<lang>.properties} file each);
 * every other language reads English.
 */
public final class Translations {

    /** Add a language here together with its properties files. */
    public static final Set<String> LANGUAGES = Set.of("de");

    private Translations() {}

    /** A message bundle in the language, or in English when it has no translation. */
    public static <T> T bundle(Class<T> bundle, String language) {
        return LANGUAGES.contains(language)
                ? MessageBundles.get(bundle, Localized.Literal.of(language))
                : MessageBundles.get(bundle);
    }

    /** The locale a page in this language renders its messages in. */
    public static Locale locale(String language) {
        return LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
    }
}
