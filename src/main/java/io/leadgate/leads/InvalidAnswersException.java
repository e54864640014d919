package io.leadgate.leads;

import java.util.List;

/** The answers broke the form's rules; nothing was stored. */
public class InvalidAnswersException extends RuntimeException {

    private final transient List<AnswerError> errors;
    private final String language;

    /** {@code language} is the one the answers were given in, which their refusals are told in. */
    public InvalidAnswersException(List<AnswerError> errors, String language) {
        super(errors.size() + " answer(s) refused");
        this.errors = List.copyOf(errors);
        this.language = language;
    }

    public String language() {
        return language;
    }

    public List<AnswerError> errors() {
        return errors;
    }
}
