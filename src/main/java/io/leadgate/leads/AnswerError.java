package io.leadgate.leads;

import io.leadgate.common.Translations;
import io.leadgate.forms.definition.Text;

/**
 * Why one answer was refused; {@code question} is null for a problem with the whole submission, and
 * {@code formMessage} is the form's own wording for its rules, when it has one.
 */
public record AnswerError(String question, Refusal refusal, String argument, Text formMessage) {

    AnswerError(String question, Refusal refusal) {
        this(question, refusal, null, null);
    }

    /** The refusal in words for the prospect, in the language the form was shown in. */
    public String message(String language) {
        return message(Translations.bundle(AnswerMessages.class, language), language);
    }

    String message(AnswerMessages messages, String language) {
        return formMessage != null ? formMessage.in(language) : refusal.in(messages, argument);
    }
}
