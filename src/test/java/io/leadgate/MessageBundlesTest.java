package io.leadgate;

import io.leadgate.common.Translations;
import io.leadgate.leads.AnswerMessages;
import io.leadgate.testing.BundleTexts;
import io.leadgate.web.PageMessages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every message of every bundle is translated into every language it claims, with the same placeholders. */
class MessageBundlesTest {

    /** Each bundle and its name, the prefix of its properties files. */
    private static final Map<Class<?>, String> BUNDLES =
            Map.of(PageMessages.class, "msg", AnswerMessages.class, "answer");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void everyKeyExistsInEveryLanguageWithTheSamePlaceholders() {
        BUNDLES.forEach((bundle, name) -> {
            List<String> keys = BundleTexts.keys(bundle);
            assertTrue(keys.size() > 10, bundle + " has its messages");
            for (String language : Translations.LANGUAGES) {
                var translated = BundleTexts.properties(name, language);
                assertEquals(
                        new TreeSet<>(keys),
                        new TreeSet<>(translated.stringPropertyNames()),
                        name + "_" + language + ".properties has exactly the keys of " + bundle.getSimpleName());
                for (String key : keys) {
                    String english = english(bundle, key);
                    assertEquals(
                            placeholders(english),
                            placeholders(translated.getProperty(key)),
                            name + "_" + language + ": " + key + " keeps the placeholders of \"" + english + "\"");
                }
            }
        });
    }

    @Test
    void theCheckNoticesAMissingTranslation() {
        assertTrue(BundleTexts.keys(PageMessages.class).contains("next"));
        assertTrue(BundleTexts.properties("msg", "de").containsKey("next"));
        assertTrue(!BundleTexts.properties("msg", "de").containsKey("no-such-key"));
    }

    private static String english(Class<?> bundle, String key) {
        try {
            for (var method : bundle.getMethods()) {
                if (method.getName().equals(key)) {
                    return method.getAnnotation(io.quarkus.qute.i18n.Message.class)
                            .value();
                }
            }
        } catch (SecurityException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(key);
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
