package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Changes a YAML document the way a person would in an editor, touching only the text of what changes: a value
 * replaced where it stands, a list item added, removed or moved as whole lines. Comments, key order and layout
 * elsewhere stay as they were, so the studio's visual view and the YAML view edit the same document.
 */
public final class YamlEdits {

    /** The edit cannot be made on this document's layout; the YAML view can. */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]*[A-Za-z0-9.]|[A-Za-z0-9]");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private final String text;
    private final PositionedYaml yaml;
    private final int[] lineStarts;

    private YamlEdits(String text) {
        this.text = text;
        try {
            this.yaml = PositionedYaml.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (PositionedYaml.SyntaxError e) {
            throw new Unsupported("the YAML has a syntax error at line " + e.position.line() + "; fix it first");
        }
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public static YamlEdits of(String text) {
        return new YamlEdits(text);
    }

    /** The document's tree, to show what the edits may change. */
    public JsonNode tree() {
        return yaml.root;
    }

    /** Replaces the scalar at {@code pointer} with {@code value} (a number, or a text quoted when it needs to be). */
    public String setScalar(String pointer, String value) {
        JsonNode node = yaml.root.at(pointer);
        if (node.isMissingNode() || node.isContainerNode()) {
            throw new Unsupported("there is no single value at " + pointer);
        }
        int start = offset(yaml.valueAt(pointer));
        int end = scalarEnd(start);
        return text.substring(0, start) + literal(value) + text.substring(end);
    }

    /** Removes the item at {@code pointer} from a block list ({@code - ...} lines), with its lines. */
    public String removeItem(String pointer) {
        int[] lines = itemLines(pointer);
        return text.substring(0, lineStarts[lines[0]]) + text.substring(lineEnd(lines[1]));
    }

    /** Swaps the item at {@code pointer} with the one before ({@code up}) or after it, as whole lines. */
    public String moveItem(String pointer, boolean up) {
        String parent = PositionedYaml.parent(pointer);
        int index = Integer.parseInt(pointer.substring(parent.length() + 1));
        int other = up ? index - 1 : index + 1;
        if (other < 0 || other >= yaml.root.at(parent).size()) {
            return text;
        }
        int[] first = itemLines(parent + "/" + Math.min(index, other));
        int[] second = itemLines(parent + "/" + Math.max(index, other));
        String a = text.substring(lineStarts[first[0]], lineEnd(first[1]));
        String between = text.substring(lineEnd(first[1]), lineStarts[second[0]]);
        String b = text.substring(lineStarts[second[0]], lineEnd(second[1]));
        return text.substring(0, lineStarts[first[0]])
                + ensureNewline(b)
                + between
                + stripNewline(a, b)
                + text.substring(lineEnd(second[1]));
    }

    /**
     * Appends an item to the block list at {@code listPointer}; {@code itemLines} are the item's lines without
     * indentation, the first starting with {@code "- "}.
     */
    public String appendItem(String listPointer, List<String> itemLines) {
        JsonNode list = yaml.root.at(listPointer);
        if (!list.isArray() || list.isEmpty()) {
            throw new Unsupported("there is no list with items at " + listPointer);
        }
        int[] last = itemLines(listPointer + "/" + (list.size() - 1));
        String indent = " ".repeat(dashColumn(listPointer + "/" + (list.size() - 1)));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < itemLines.size(); i++) {
            block.append(indent)
                    .append(i == 0 ? "" : "  ")
                    .append(itemLines.get(i))
                    .append('\n');
        }
        int at = lineEnd(last[1]);
        String before = text.substring(0, at);
        return ensureNewline(before) + block + text.substring(at);
    }

    /** A text as YAML writes it: plain when that is unambiguous, double-quoted (JSON rules) otherwise. */
    public static String literal(String value) {
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        boolean plain = PLAIN.matcher(value).matches()
                && !value.matches("(?i)(true|false|yes|no|on|off|null|~|[0-9.+-].*)")
                && !value.contains(": ")
                && !value.contains(" #");
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The first and last line (0-based) of a block list item, from its dash to the line before the next item. */
    private int[] itemLines(String pointer) {
        if (yaml.root.at(pointer).isMissingNode()) {
            throw new Unsupported("there is no item at " + pointer);
        }
        int valueStart = offset(yaml.valueAt(pointer));
        int line = lineOf(valueStart);
        int dash = dashColumn(pointer);
        int last = line;
        for (int next = line + 1; next < lineStarts.length; next++) {
            String content = lineText(next);
            if (content.isBlank()) {
                continue;
            }
            int indent = content.length() - content.stripLeading().length();
            if (indent <= dash) {
                break;
            }
            last = next;
        }
        return new int[] {line, last};
    }

    /** The column (0-based) of the dash that starts a block list item. */
    private int dashColumn(String pointer) {
        int valueStart = offset(yaml.valueAt(pointer));
        int line = lineOf(valueStart);
        String content = lineText(line);
        int column = valueStart - lineStarts[line];
        int dash = content.lastIndexOf('-', column);
        if (dash < 0 || !content.substring(0, dash).isBlank()) {
            throw new Unsupported("the list at " + PositionedYaml.parent(pointer)
                    + " is written on one line ([...]); change it in the YAML view");
        }
        return dash;
    }

    private int scalarEnd(int start) {
        char first = text.charAt(start);
        if (first == '"') {
            for (int i = start + 1; i < text.length(); i++) {
                if (text.charAt(i) == '\\') {
                    i++;
                } else if (text.charAt(i) == '"') {
                    return i + 1;
                }
            }
            return text.length();
        }
        if (first == '\'') {
            for (int i = start + 1; i < text.length(); i++) {
                if (text.charAt(i) == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        return i + 1;
                    }
                }
            }
            return text.length();
        }
        if (first == '|' || first == '>') {
            throw new Unsupported("a multi-line text (| or >) is changed in the YAML view");
        }
        boolean flow = inFlow(start);
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '#' && i > start && Character.isWhitespace(text.charAt(i - 1)))) {
                break;
            }
            if (flow && (c == ',' || c == ']' || c == '}')) {
                break;
            }
            i++;
        }
        while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Whether an offset lies inside a {@code {...}} or {@code [...]} written on its line. */
    private boolean inFlow(int offset) {
        int depth = 0;
        for (int i = lineStarts[lineOf(offset)]; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth > 0;
    }

    private int offset(PositionedYaml.Position position) {
        int line = Math.min(position.line() - 1, lineStarts.length - 1);
        return Math.min(lineStarts[line] + position.column() - 1, text.length());
    }

    private int lineOf(int offset) {
        int line = java.util.Arrays.binarySearch(lineStarts, offset);
        return line >= 0 ? line : -line - 2;
    }

    private String lineText(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        return text.substring(lineStarts[line], end);
    }

    /** The offset just past a line's newline (or the end of the text). */
    private int lineEnd(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    private static String ensureNewline(String part) {
        return part.isEmpty() || part.endsWith("\n") ? part : part + "\n";
    }

    private static String stripNewline(String a, String b) {
        return b.endsWith("\n") && !a.endsWith("\n") ? a : ensureNewline(a);
    }
}
