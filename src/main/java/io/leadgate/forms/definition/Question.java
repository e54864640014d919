package io.leadgate.forms.definition;

import java.util.List;
import java.util.Map;

/** One question: what it asks, how its answer is checked, when it shows, and how it scores. */
public record Question(
        String id,
        QuestionType type,
        Text label,
        Text help,
        Text placeholder,
        boolean required,
        boolean prefill,
        String param,
        String autocomplete,
        List<Option> options,
        Map<String, Integer> maxPoints,
        Scale scale,
        List<NumberRange> ranges,
        Validation validation,
        Condition showIf) {

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        maxPoints = maxPoints == null ? Map.of() : Map.copyOf(maxPoints);
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        validation = validation == null ? Validation.NONE : validation;
    }

    /** The query parameter that fills a hidden field (or prefills a visible one). */
    public String queryParameter() {
        return param != null ? param : id;
    }
}
