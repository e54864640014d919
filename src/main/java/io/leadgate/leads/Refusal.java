package io.leadgate.leads;

/** Why an answer was refused, independent of language; {@link AnswerMessages} says it to the prospect. */
public enum Refusal {
    REQUIRED,
    CONSENT,
    ONE,
    OPTION,
    NUMBER,
    MIN,
    MAX,
    TOO_SHORT,
    TOO_LONG,
    PATTERN,
    EMAIL,
    PHONE,
    URL,
    DATE,
    CONTROL,
    UNKNOWN_FIELD;

    /** Refusals about presence and safety, which a form's own validation message does not cover. */
    boolean isGeneral() {
        return this == REQUIRED || this == CONSENT || this == ONE || this == CONTROL || this == UNKNOWN_FIELD;
    }

    String in(AnswerMessages messages, String argument) {
        return switch (this) {
            case REQUIRED -> messages.required();
            case CONSENT -> messages.consent();
            case ONE -> messages.one();
            case OPTION -> messages.option();
            case NUMBER -> messages.number();
            case MIN -> messages.min(argument);
            case MAX -> messages.max(argument);
            case TOO_SHORT -> messages.tooShort(argument);
            case TOO_LONG -> messages.tooLong(argument);
            case PATTERN -> messages.pattern();
            case EMAIL -> messages.email();
            case PHONE -> messages.phone();
            case URL -> messages.url();
            case DATE -> messages.date();
            case CONTROL -> messages.control();
            case UNKNOWN_FIELD -> messages.unknownField(argument);
        };
    }
}
