package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The published JSON Schema of the form format, applied to every file so that editors and the server agree on
 * what is valid; its messages are rewritten for marketers, with a likely fix.
 */
final class FormSchema {

    /** Where the schemas are served from, and read from, on the class path. */
    static final String RESOURCE = "META-INF/resources/schemas/form.schema.json";

    static final String SEQUENCE_RESOURCE = "META-INF/resources/schemas/sequence.schema.json";

    private final JsonNode schemaJson;
    private final JsonSchema schema;

    FormSchema() {
        this(RESOURCE);
    }

    FormSchema(String resource) {
        try (InputStream in = FormSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("a schema is missing from the class path: " + resource);
            }
            schemaJson = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson, config);
    }

    List<Finding> check(JsonNode document) {
        Set<ValidationMessage> messages = schema.validate(document);
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage message : messages) {
            findings.add(explain(message));
        }
        findings.sort(Comparator.comparing(Finding::pointer));
        return findings;
    }

    private Finding explain(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String schemaPath = message.getSchemaLocation().getFragment().toString();
        String field = fieldName(pointer);
        return switch (message.getType()) {
            case "additionalProperties" -> {
                String unknown = message.getProperty();
                List<String> allowed = allowedProperties(schemaPath);
                String suggestion = Suggestions.closest(unknown, allowed);
                yield Finding.atKey(
                        pointer + "/" + unknown,
                        "unknown field '" + unknown + "'",
                        (suggestion != null ? "did you mean '" + suggestion + "'? " : "")
                                + (allowed.isEmpty()
                                        ? "remove it."
                                        : "allowed here: " + String.join(", ", allowed) + "."));
            }
            case "required" ->
                Finding.at(
                        pointer,
                        "'" + message.getProperty() + "' is missing",
                        "add '" + message.getProperty() + ":' to this block.");
            case "pattern" ->
                Finding.at(
                        pointer,
                        "'" + message.getInstanceNode().asText() + "' is not a valid " + describe(schemaPath),
                        patternFix(schemaPath));
            case "enum" ->
                Finding.at(
                        pointer,
                        "'" + message.getInstanceNode().asText() + "' is not a valid " + field,
                        "use one of: " + enumValues(schemaPath) + ".");
            case "type" ->
                Finding.at(pointer, field + " has the wrong type", "write " + typeDescription(schemaPath) + " here.");
            case "minItems" -> Finding.at(pointer, field + " is empty", "add at least one entry.");
            case "minProperties" -> Finding.at(pointer, field + " is empty", "add at least one entry.");
            case "uniqueItems" ->
                Finding.at(pointer, field + " lists the same entry twice", "remove the repeated entry.");
            case "minimum", "maximum", "exclusiveMinimum" ->
                Finding.at(
                        pointer,
                        field + " is out of range: " + stripPointer(message.getMessage(), pointer),
                        "change the number.");
            default -> Finding.at(pointer, stripPointer(message.getMessage(), pointer), null);
        };
    }

    private List<String> allowedProperties(String schemaPath) {
        JsonNode owner = schemaJson.at(PositionedYaml.parent(schemaPath));
        JsonNode properties = owner.path("properties");
        return StreamSupport.stream(((Iterable<String>) properties::fieldNames).spliterator(), false)
                .toList();
    }

    private String enumValues(String schemaPath) {
        JsonNode values = schemaJson.at(schemaPath);
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.asText()));
        return String.join(", ", names);
    }

    private String typeDescription(String schemaPath) {
        JsonNode type = schemaJson.at(schemaPath);
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(article(t.asText())));
        } else {
            names.add(article(type.asText()));
        }
        return String.join(" or ", names);
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a block of 'key: value' lines";
            case "array" -> "a list ([a, b] or '- ' lines)";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a " + jsonType;
        };
    }

    private static String describe(String schemaPath) {
        if (schemaPath.contains("/slug")) {
            return "id";
        } else if (schemaPath.contains("/language")) {
            return "language code";
        } else if (schemaPath.contains("/color")) {
            return "colour";
        } else if (schemaPath.contains("/duration")) {
            return "duration";
        } else if (schemaPath.contains("/time")) {
            return "time of day";
        }
        return "value";
    }

    private static String patternFix(String schemaPath) {
        if (schemaPath.contains("/slug")) {
            return "use lower-case letters, digits and single dashes, like 'sales-team-size'.";
        } else if (schemaPath.contains("/language")) {
            return "use a two-letter code like 'en', optionally with a region like 'pt-BR'.";
        } else if (schemaPath.contains("/color")) {
            return "use a six-digit hex colour in quotes, like \"#1d4ed8\".";
        } else if (schemaPath.contains("/duration")) {
            return "use an ISO-8601 duration like P90D (90 days), P2Y (2 years) or PT30S (30 seconds).";
        } else if (schemaPath.contains("/time")) {
            return "use 24-hour time in quotes, like \"09:00\" or \"17:30\".";
        }
        return null;
    }

    private static String fieldName(String pointer) {
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return "entry " + (Integer.parseInt(name) + 1) + " of '" + fieldName(PositionedYaml.parent(pointer)) + "'";
        }
        return name.isEmpty() ? "the file" : "'" + name + "'";
    }

    private static String stripPointer(String message, String pointer) {
        String prefix = pointer + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
