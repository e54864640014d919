package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of question a form can ask. */
public enum QuestionType {
    @JsonProperty("single")
    SINGLE,
    @JsonProperty("multiple")
    MULTIPLE,
    @JsonProperty("dropdown")
    DROPDOWN,
    @JsonProperty("rating")
    RATING,
    @JsonProperty("number")
    NUMBER,
    @JsonProperty("text")
    TEXT,
    @JsonProperty("textarea")
    TEXTAREA,
    @JsonProperty("email")
    EMAIL,
    @JsonProperty("phone")
    PHONE,
    @JsonProperty("url")
    URL,
    @JsonProperty("date")
    DATE,
    @JsonProperty("consent")
    CONSENT,
    @JsonProperty("hidden")
    HIDDEN;

    /** Whether the answer is picked from the question's options. */
    public boolean hasOptions() {
        return this == SINGLE || this == MULTIPLE || this == DROPDOWN;
    }

    /** Whether the answer is a number that ranges can score. */
    public boolean isNumeric() {
        return this == NUMBER || this == RATING;
    }

    /** Whether the answer is free text with a length. */
    public boolean isFreeText() {
        return this == TEXT || this == TEXTAREA || this == EMAIL || this == PHONE || this == URL;
    }

    public String key() {
        return name().toLowerCase();
    }
}
