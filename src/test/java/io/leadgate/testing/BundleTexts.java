package io.leadgate.testing;

import io.quarkus.qute.i18n.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A message bundle read straight from its sources, for plain unit tests: English from the interface's
 * {@code @Message} values, other languages from {@code messages/<bundle>_<lang>.properties}; {@code {name}} takes
 * the argument of that name. Quarkus renders the same texts; this reads them without starting it.
 */
public final class BundleTexts {

    private BundleTexts() {}

    /** The bundle in {@code language}, as {@code bundle}'s interface. */
    public static <T> T of(Class<T> bundle, String name, String language) {
        Properties translated = "en".equals(language) ? null : properties(name, language);
        Object proxy =
                Proxy.newProxyInstance(bundle.getClassLoader(), new Class<?>[] {bundle}, (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(name, args);
                    }
                    String text = translated == null
                            ? method.getAnnotation(Message.class).value()
                            : translated.getProperty(method.getName());
                    if (text == null) {
                        throw new IllegalStateException("no " + language + " text for " + method.getName());
                    }
                    Parameter[] parameters = method.getParameters();
                    for (int i = 0; i < parameters.length; i++) {
                        text = text.replace("{" + parameters[i].getName() + "}", String.valueOf(args[i]));
                    }
                    return text;
                });
        return bundle.cast(proxy);
    }

    /** The keys and texts of one language's properties file. */
    public static Properties properties(String name, String language) {
        String file = "messages/" + name + "_" + language + ".properties";
        try (InputStream in = BundleTexts.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing " + file);
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message methods of a bundle interface: its keys. */
    public static java.util.List<String> keys(Class<?> bundle) {
        return java.util.Arrays.stream(bundle.getMethods())
                .filter(m -> m.isAnnotationPresent(Message.class))
                .map(Method::getName)
                .sorted()
                .toList();
    }
}
