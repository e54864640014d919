package io.leadgate.forms.definition;

import java.util.List;

/** One page of a questionnaire. */
public record Step(String id, Text title, Text description, Condition showIf, List<Question> questions) {
    public Step {
        questions = List.copyOf(questions);
    }
}
