package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A test on earlier answers: one question compared one way, or {@code all}, {@code any} or {@code not} of other
 * conditions.
 */
public record Condition(
        String question,
        @JsonProperty("equals") String equalTo,
        @JsonProperty("in") List<String> anyOf,
        List<String> notIn,
        Boolean answered,
        Double min,
        Double max,
        List<Condition> all,
        List<Condition> any,
        Condition not) {

    public Condition {
        anyOf = anyOf == null ? null : List.copyOf(anyOf);
        notIn = notIn == null ? null : List.copyOf(notIn);
        all = all == null ? null : List.copyOf(all);
        any = any == null ? null : List.copyOf(any);
    }
}
