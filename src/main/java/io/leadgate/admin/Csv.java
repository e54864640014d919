package io.leadgate.admin;

import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
final class Csv {

    /** One row and the line of the text it starts on (1 is the first), blank lines skipped but counted. */
    record Row(int line, List<String> cells) {}

    private Csv() {}

    static List<List<String>> parse(String text) {
        return rows(text).stream().map(Row::cells).toList();
    }

    static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && !(i + 1 < text.length() && text.charAt(i + 1) == '\n'))) {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                if (!(row.size() == 1 && row.getFirst().isEmpty())) {
                    rows.add(new Row(rowLine, row));
                }
                row = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(new Row(rowLine, row));
        }
        return rows;
    }
}
