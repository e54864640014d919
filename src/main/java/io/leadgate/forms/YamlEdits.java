package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Changes a YAML document the way a person would in an editor, touching only the text of what changes: a value
 * replaced where it stands, a key added beside its neighbour or removed, a list item added, removed or moved as whole
 * lines. Comments, key order and layout elsewhere stay as they were, so the studio's visual view and the YAML view
 * edit the same document.
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
        if (!list.isArray()) {
            throw new Unsupported("there is no list at " + listPointer);
        }
        if (writtenOnOneLine(listPointer)) {
            return appendInBrackets(listPointer, list, itemLines);
        }
        if (list.isEmpty()) {
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

    /**
     * Sets the mapping member at {@code pointer} to {@code value}, one line of YAML (a {@link #literal}, {@code {...}}
     * or {@code [...]}): replaced where it stands, or added after the first of {@code after} that the mapping has, else
     * after its last member.
     */
    public String put(String pointer, String value, String... after) {
        return putMember(pointer, value, null, after);
    }

    /**
     * Sets the mapping member at {@code pointer} to a block of {@code lines} written under its key, one level deeper
     * (for example {@code "- {min: 1}"} for a list); only in a mapping written over several lines.
     */
    public String putBlock(String pointer, List<String> lines, String... after) {
        return putMember(pointer, null, lines, after);
    }

    /** Removes the mapping member at {@code pointer}: its lines, or its entry and comma in a {@code {...}}. */
    public String removeKey(String pointer) {
        String parent = PositionedYaml.parent(pointer);
        JsonNode map = yaml.root.at(parent);
        if (!map.isObject() || !map.has(keyOf(pointer))) {
            throw new Unsupported("there is nothing at " + pointer);
        }
        int keyStart = offset(yaml.keyAt(pointer));
        if (writtenOnOneLine(parent)) {
            int start = keyStart;
            int end = valueEnd(offset(yaml.valueAt(pointer)));
            int next = skipSpaces(end);
            if (next < text.length() && text.charAt(next) == ',') {
                end = skipSpaces(next + 1);
            } else {
                int before = start - 1;
                while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
                    before--;
                }
                if (before >= 0 && text.charAt(before) == ',') {
                    start = before;
                }
            }
            return text.substring(0, start) + text.substring(end);
        }
        if (map.size() == 1) {
            throw new Unsupported("removing it would leave " + parent + " empty; change it in the YAML view");
        }
        int line = lineOf(keyStart);
        if (!text.substring(lineStarts[line], keyStart).isBlank()) {
            throw new Unsupported("the first key of a list item is changed in the YAML view");
        }
        return text.substring(0, lineStarts[line]) + text.substring(lineEnd(memberEndLine(pointer)));
    }

    /** Whether the mapping or list at {@code pointer} is written in brackets ({@code {...}} or {@code [...]}). */
    public boolean writtenOnOneLine(String pointer) {
        int start = offset(yaml.valueAt(pointer));
        return start < text.length() && (text.charAt(start) == '{' || text.charAt(start) == '[');
    }

    /** The pointer of the value (else the key) that starts at this 1-based place, as the validator's problems name it. */
    public Optional<String> pointerAt(int line, int column) {
        PositionedYaml.Position place = new PositionedYaml.Position(line, column);
        List<String> pointers = new ArrayList<>();
        collect("", yaml.root, pointers);
        Optional<String> value = pointers.stream()
                .filter(p -> yaml.valueAt(p).equals(place))
                .max(Comparator.comparingInt(String::length));
        return value.isPresent()
                ? value
                : pointers.stream().filter(p -> yaml.keyAt(p).equals(place)).findFirst();
    }

    /** A mapping written on one line from entries already in YAML: {@code {a: 1, b: x}}. */
    public static String flowMap(Map<String, String> entries) {
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        entries.forEach((key, value) -> joined.add(key + ": " + value));
        return joined.toString();
    }

    /** A list written on one line from items already in YAML: {@code [a, b]}. */
    public static String flowList(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private String putMember(String pointer, String value, List<String> block, String[] after) {
        String parent = PositionedYaml.parent(pointer);
        String key = keyOf(pointer);
        JsonNode map = yaml.root.at(parent);
        if (!map.isObject()) {
            throw new Unsupported("there is no mapping at " + (parent.isEmpty() ? "the top" : parent));
        }
        boolean flow = writtenOnOneLine(parent);
        if (block != null && flow) {
            throw new Unsupported(parent + " is written on one line ({...}); change it in the YAML view");
        }
        JsonNode current = map.get(key);
        if (current != null) {
            int start = offset(yaml.valueAt(pointer));
            char first = start < text.length() ? text.charAt(start) : '\n';
            boolean blockValue = current.isContainerNode() && first != '{' && first != '[';
            if (block == null && !blockValue && first != '|' && first != '>') {
                return text.substring(0, start) + value + text.substring(valueEnd(start));
            }
            if (flow) {
                throw new Unsupported("the value at " + pointer + " is changed in the YAML view");
            }
            int keyStart = offset(yaml.keyAt(pointer));
            int end = lineEnd(memberEndLine(pointer));
            end = end > 0 && text.charAt(end - 1) == '\n' ? end - 1 : end;
            return text.substring(0, keyStart)
                    + member(key, value, block, keyStart - lineStarts[lineOf(keyStart)])
                    + text.substring(end);
        }
        String anchor = null;
        for (String candidate : after) {
            if (map.has(candidate)) {
                anchor = candidate;
                break;
            }
        }
        if (anchor == null && !map.isEmpty()) {
            List<String> names = new ArrayList<>();
            map.fieldNames().forEachRemaining(names::add);
            anchor = names.getLast();
        }
        if (flow) {
            int at = anchor == null
                    ? offset(yaml.valueAt(parent)) + 1
                    : valueEnd(offset(yaml.valueAt(parent + "/" + escape(anchor))));
            String entry = (anchor == null ? "" : ", ") + key + ": " + value;
            return text.substring(0, at) + entry + text.substring(at);
        }
        if (anchor == null) {
            throw new Unsupported("there is no mapping with members at " + parent);
        }
        String anchorPointer = parent + "/" + escape(anchor);
        int anchorKey = offset(yaml.keyAt(anchorPointer));
        int column = anchorKey - lineStarts[lineOf(anchorKey)];
        int at = lineEnd(memberEndLine(anchorPointer));
        return ensureNewline(text.substring(0, at))
                + " ".repeat(column)
                + member(key, value, block, column)
                + "\n"
                + text.substring(at);
    }

    private static String member(String key, String value, List<String> block, int column) {
        if (block == null) {
            return key + ": " + value;
        }
        StringBuilder member = new StringBuilder(key).append(':');
        for (String line : block) {
            member.append('\n').append(" ".repeat(column + 2)).append(line);
        }
        return member.toString();
    }

    /** The last line (0-based) of a block mapping member: its key's line and every deeper line after it. */
    private int memberEndLine(String pointer) {
        int keyStart = offset(yaml.keyAt(pointer));
        int line = lineOf(keyStart);
        int column = keyStart - lineStarts[line];
        // A list may stand at its key's own indentation ("key:" then "- item" below it).
        boolean list = yaml.root.at(pointer).isArray();
        int last = line;
        for (int next = line + 1; next < lineStarts.length; next++) {
            String content = lineText(next);
            if (content.isBlank()) {
                continue;
            }
            int indent = content.length() - content.stripLeading().length();
            if (indent > column
                    || (list && indent == column && content.stripLeading().startsWith("-"))) {
                last = next;
            } else {
                break;
            }
        }
        return last;
    }

    /** Where a scalar or a bracketed value that starts at {@code start} ends. */
    private int valueEnd(int start) {
        char open = text.charAt(start);
        if (open != '{' && open != '[') {
            return scalarEnd(start);
        }
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = scalarEnd(i) - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        throw new Unsupported("a bracket is not closed after line " + (lineOf(start) + 1));
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static void collect(String pointer, JsonNode node, List<String> pointers) {
        if (!pointer.isEmpty()) {
            pointers.add(pointer);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collect(pointer + "/" + escape(name), node.get(name), pointers));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(pointer + "/" + i, node.get(i), pointers);
            }
        }
    }

    private static String keyOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1)
                .replace("~1", "/")
                .replace("~0", "~");
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** {@code [a]} gets {@code , b}; an empty {@code key: []} of a block mapping becomes a block list under its key. */
    private String appendInBrackets(String listPointer, JsonNode list, List<String> itemLines) {
        int open = offset(yaml.valueAt(listPointer));
        int close = valueEnd(open) - 1;
        int keyStart = offset(yaml.keyAt(listPointer));
        boolean memberOfBlock = list.isEmpty()
                && keyStart != open
                && !inFlow(open)
                && text.substring(open + 1, close).isBlank();
        if (memberOfBlock) {
            int line = lineOf(keyStart);
            int column = keyStart - lineStarts[line];
            int keyEnd = open;
            while (keyEnd > keyStart && text.charAt(keyEnd - 1) == ' ') {
                keyEnd--;
            }
            StringBuilder block = new StringBuilder();
            for (int i = 0; i < itemLines.size(); i++) {
                block.append(" ".repeat(column + 2))
                        .append(i == 0 ? "" : "  ")
                        .append(itemLines.get(i))
                        .append('\n');
            }
            String rest = text.substring(close + 1);
            int newline = rest.indexOf('\n');
            String restOfLine = newline < 0 ? rest : rest.substring(0, newline + 1);
            return text.substring(0, keyEnd)
                    + (restOfLine.isBlank() ? "" : " " + restOfLine.strip())
                    + "\n"
                    + block
                    + (newline < 0 ? "" : rest.substring(newline + 1));
        }
        if (itemLines.size() != 1 || !itemLines.getFirst().startsWith("- ")) {
            throw new Unsupported(
                    "the list at " + listPointer + " is written on one line ([...]); change it in the" + " YAML view");
        }
        String item = itemLines.getFirst().substring(2);
        return text.substring(0, close) + (list.isEmpty() ? "" : ", ") + item + text.substring(close);
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
