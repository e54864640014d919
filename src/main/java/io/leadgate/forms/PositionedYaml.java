package io.leadgate.forms;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a JSON tree that remembers the line and column of every key and value, so that any
 * later check can point at the exact place by JSON pointer.
 */
final class PositionedYaml {

    /** A place in the file, 1-based. */
    record Position(int line, int column) {
        static Position of(JsonLocation location) {
            return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }
    }

    /** The file could not be read as YAML at all. */
    static final class SyntaxError extends Exception {
        final Position position;

        SyntaxError(Position position, String message) {
            super(message);
            this.position = position;
        }
    }

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    final JsonNode root;
    private final Map<String, Position> values;
    private final Map<String, Position> keys;

    private PositionedYaml(JsonNode root, Map<String, Position> values, Map<String, Position> keys) {
        this.root = root;
        this.values = values;
        this.keys = keys;
    }

    static PositionedYaml parse(byte[] content) throws SyntaxError {
        Map<String, Position> values = new HashMap<>();
        Map<String, Position> keys = new HashMap<>();
        try (JsonParser parser = YAML.createParser(content)) {
            if (parser.nextToken() == null) {
                throw new SyntaxError(new Position(1, 1), "the file is empty");
            }
            JsonNode root = read(parser, "", values, keys);
            if (parser.nextToken() != null) {
                throw new SyntaxError(
                        Position.of(parser.currentTokenLocation()),
                        "a second YAML document starts here; a form file holds exactly one");
            }
            return new PositionedYaml(root, values, keys);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                String problem = yaml.getProblem() + (yaml.getContext() != null ? " (" + yaml.getContext() + ")" : "");
                throw new SyntaxError(
                        new Position(
                                yaml.getProblemMark().getLine() + 1,
                                yaml.getProblemMark().getColumn() + 1),
                        "invalid YAML: " + problem.replaceAll("\\s+", " ").strip());
            }
            JsonLocation location = e.getLocation();
            throw new SyntaxError(
                    location == null ? new Position(1, 1) : Position.of(location), firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SyntaxError(new Position(1, 1), "cannot read the file: " + e.getMessage());
        }
    }

    /**
     * Anchors and aliases are refused outright: the parser would read an alias as its bare name (a wrong value with
     * a puzzling error), and a document of nested aliases (a "billion laughs" bomb) must never be expanded anywhere.
     */
    private static void refuseAnchors(JsonParser parser) throws IOException, SyntaxError {
        if (!(parser instanceof YAMLParser yaml)) {
            return;
        }
        if (yaml.isCurrentAlias()) {
            throw new SyntaxError(
                    Position.of(parser.currentTokenLocation()),
                    "YAML aliases (*" + yaml.getText() + ") are not supported in forms; write the value out in full");
        }
        if (yaml.getCurrentAnchor() != null) {
            throw new SyntaxError(
                    Position.of(parser.currentTokenLocation()),
                    "YAML anchors (&" + yaml.getCurrentAnchor()
                            + ") are not supported in forms; write each value out in full");
        }
    }

    private static JsonNode read(
            JsonParser parser, String pointer, Map<String, Position> values, Map<String, Position> keys)
            throws IOException, SyntaxError {
        values.put(pointer, Position.of(parser.currentTokenLocation()));
        refuseAnchors(parser);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    Position keyPosition = Position.of(parser.currentTokenLocation());
                    if (object.has(name)) {
                        throw new SyntaxError(keyPosition, "the key '" + name + "' appears twice in the same block");
                    }
                    keys.put(child, keyPosition);
                    parser.nextToken();
                    object.set(name, read(parser, child, values, keys));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, pointer + "/" + index++, values, keys));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nodes.numberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default ->
                throw new SyntaxError(Position.of(parser.currentTokenLocation()), "unexpected YAML content " + token);
        }
    }

    /** Where the value at this JSON pointer starts, or the nearest enclosing value that has a position. */
    Position valueAt(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            Position position = values.get(p);
            if (position != null || p.isEmpty()) {
                return position != null ? position : new Position(1, 1);
            }
        }
    }

    /** Where the key of the member at this JSON pointer stands; falls back to its value. */
    Position keyAt(String pointer) {
        Position position = keys.get(pointer);
        return position != null ? position : valueAt(pointer);
    }

    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the file is not valid YAML";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return "invalid YAML: " + line;
    }
}
