package io.leadgate.forms;

/**
 * A problem found in a form, placed by JSON pointer; the loader turns it into a {@link FormProblem} with a line and
 * column. {@code atKey} places it on the member's key rather than on its value.
 */
record Finding(String pointer, boolean atKey, String message, String fix) {

    static Finding at(String pointer, String message, String fix) {
        return new Finding(pointer, false, message, fix);
    }

    static Finding atKey(String pointer, String message, String fix) {
        return new Finding(pointer, true, message, fix);
    }
}
