package io.leadgate.leads;

import java.util.List;

/** The answers broke the form's rules; nothing was stored. */
public class InvalidAnswersException extends RuntimeException {

    private final transient List<AnswerError> errors;

    public InvalidAnswersException(List<AnswerError> errors) {
        super(errors.size() + " answer(s) refused");
        this.errors = List.copyOf(errors);
    }

    public List<AnswerError> errors() {
        return errors;
    }
}
