package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${NAME}} references a form may make, so that whoever edits a form can never read a server setting: only
 * in a webhook's {@code url}, {@code secret} and {@code previous-secret}, only to names the operator allows (those
 * with the configured prefix, {@code LEADGATE_SECRET_} by default, or listed by name), and no message about them ever
 * shows a resolved value. A url may take only its start from a secret (the host the operator set) and a secret field
 * only a whole one, so that no secret's value can be spliced into an address of the form's choosing.
 */
public final class SecretReferences {

    /** The default prefix of names a form may reference. */
    public static final String DEFAULT_PREFIX = "LEADGATE_SECRET_";

    /** References nothing: every {@code ${NAME}} is refused. */
    public static final SecretReferences NONE = new SecretReferences("", Set.of(), name -> Optional.empty());

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SECRET_SHAPE = Pattern.compile("^\\$\\{[^}]*}$");
    private static final Pattern URL_SHAPE = Pattern.compile("^\\$\\{[^}]*}(/[^$]*)?$");
    private static final Pattern SECRET_FIELD =
            Pattern.compile("^/routing/qualified/webhooks/\\d+/(url|secret|previous-secret)$");

    private final String prefix;
    private final Set<String> names;
    private final Function<String, Optional<String>> values;

    /**
     * @param prefix names starting with it may be referenced (an empty prefix allows none by prefix)
     * @param names further names that may be referenced
     * @param values looks up the value of an allowed name (environment variable or configuration property)
     */
    public SecretReferences(String prefix, Collection<String> names, Function<String, Optional<String>> values) {
        this.prefix = prefix;
        this.names = Set.copyOf(names);
        this.values = values;
    }

    /** Tests and tools: these names with these values, and nothing else. */
    public static SecretReferences of(Map<String, String> values) {
        return new SecretReferences("", values.keySet(), name -> Optional.ofNullable(values.get(name)));
    }

    boolean allows(String name) {
        return NAME.matcher(name).matches() && ((!prefix.isEmpty() && name.startsWith(prefix)) || names.contains(name));
    }

    /** Replaces the references in the webhook fields with their values; every other reference is a finding. */
    void resolve(JsonNode node, String pointer, List<Finding> findings) {
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                String child = pointer + "/" + field.getKey();
                if (field.getValue() instanceof TextNode text) {
                    resolve(text.asText(), child, findings).ifPresent(value -> field.setValue(TextNode.valueOf(value)));
                } else {
                    resolve(field.getValue(), child, findings);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = pointer + "/" + i;
                if (array.get(i) instanceof TextNode text) {
                    int index = i;
                    resolve(text.asText(), child, findings)
                            .ifPresent(value -> array.set(index, TextNode.valueOf(value)));
                } else {
                    resolve(array.get(i), child, findings);
                }
            }
        }
    }

    private Optional<String> resolve(String value, String pointer, List<Finding> findings) {
        if (!value.contains("${")) {
            return Optional.empty();
        }
        if (!SECRET_FIELD.matcher(pointer).matches()) {
            findings.add(Finding.at(
                    pointer,
                    "a ${...} reference is only read in a webhook's url, secret and previous-secret",
                    "write this text without ${...}; secrets belong in webhook fields only."));
            return Optional.empty();
        }
        boolean url = pointer.endsWith("/url");
        if (!(url ? URL_SHAPE : SECRET_SHAPE).matcher(value).matches()) {
            findings.add(Finding.at(
                    pointer,
                    url
                            ? "a url may only start with one ${NAME}, optionally followed by a path"
                            : "a secret is either written out or exactly one ${NAME}",
                    url
                            ? "write it as ${LEADGATE_SECRET_...} or ${LEADGATE_SECRET_...}/path; the secret's value"
                                    + " names the host."
                            : "write it as ${LEADGATE_SECRET_...} with nothing around it."));
            return Optional.empty();
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!allows(name)) {
                findings.add(Finding.at(
                        pointer,
                        "${" + name + "} is not a secret forms may read",
                        "name it " + (prefix.isEmpty() ? "as the operator allows" : prefix + "...")
                                + " (or list it in leadgate.forms.secrets.names) and set it where Leadgate runs."));
                return Optional.empty();
            }
            Optional<String> found = values.apply(name);
            if (found.isEmpty()) {
                findings.add(Finding.at(
                        pointer,
                        "the secret " + name + " is not set",
                        "set the environment variable " + name + " where Leadgate runs (for dev mode, '%dev." + name
                                + "=...' in application.properties)."));
                return Optional.empty();
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(found.get()));
        }
        matcher.appendTail(resolved);
        return Optional.of(resolved.toString());
    }
}
