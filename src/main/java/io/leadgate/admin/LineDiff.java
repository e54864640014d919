package io.leadgate.admin;

import java.util.ArrayList;
import java.util.List;

/** The lines two texts share, and those only one of them has, in order (a longest-common-subsequence diff). */
final class LineDiff {

    /** How one line of the diff reads: kept, removed from the first text, or added in the second. */
    enum Kind {
        KEPT,
        REMOVED,
        ADDED
    }

    /** One line, with its numbers in the old and new text (0 where it has none). */
    record Line(Kind kind, int oldNumber, int newNumber, String text) {
        public String sign() {
            return switch (kind) {
                case KEPT -> " ";
                case REMOVED -> "−";
                case ADDED -> "+";
            };
        }

        public String kindName() {
            return kind.name().toLowerCase();
        }
    }

    /** Longer texts are compared as wholes: a form is a few hundred lines. */
    static final int MAX_LINES = 5_000;

    private LineDiff() {}

    static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if ((long) a.length * b.length > (long) MAX_LINES * MAX_LINES / 4) {
            List<Line> whole = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                whole.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
            }
            for (int j = 0; j < b.length; j++) {
                whole.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
            }
            return whole;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(new Line(Kind.KEPT, i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                lines.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
                j++;
            } else {
                lines.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
                i++;
            }
        }
        return lines;
    }
}
