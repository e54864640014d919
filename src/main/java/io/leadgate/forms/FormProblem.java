package io.leadgate.forms;

/** One thing wrong with a form file, where it is, and how to fix it. */
public record FormProblem(String file, int line, int column, String message, String fix) {

    /** The problem as an editor or a terminal expects it: {@code file:line:column: message Fix: ...}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (fix == null ? "" : " Fix: " + fix);
    }
}
