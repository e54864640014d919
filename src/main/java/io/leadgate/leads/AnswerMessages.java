package io.leadgate.leads;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a prospect is told about a refused answer, in English here and in {@code messages/answer_<lang>.properties}
 * for every other language; templates read them as {@code {answer:required}}.
 */
@MessageBundle(value = "answer", locale = "en")
public interface AnswerMessages {

    @Message("Please answer this question.")
    String required();

    @Message("Please tick this box to continue.")
    String consent();

    @Message("Please choose only one answer.")
    String one();

    @Message("Please choose one of the answers offered.")
    String option();

    @Message("Please enter a number, like 250 or 12.5.")
    String number();

    @Message("Please enter {limit} or more.")
    String min(String limit);

    @Message("Please enter {limit} or less.")
    String max(String limit);

    @Message("Please write at least {limit} characters.")
    String tooShort(String limit);

    @Message("Please keep this under {limit} characters.")
    String tooLong(String limit);

    @Message("Please check the format of this answer.")
    String pattern();

    @Message("Please enter an email address like name@company.com.")
    String email();

    @Message("Please enter a phone number, like +1 555 123 4567.")
    String phone();

    @Message("Please enter a web address starting with https://.")
    String url();

    @Message("Please enter a date.")
    String date();

    @Message("This answer contains characters we cannot store.")
    String control();

    @Message("The field '{field}' is not part of this form.")
    String unknownField(String field);
}
