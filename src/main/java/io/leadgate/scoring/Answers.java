package io.leadgate.scoring;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lead's answers by question id: one submission's, or the freshest known answer to each question. */
public record Answers(Map<String, Answer> byQuestion) {

    public static final Answers NONE = new Answers(Map.of());

    public Answers {
        byQuestion = Collections.unmodifiableMap(new LinkedHashMap<>(byQuestion));
    }

    /** Answers all given at the same moment, as in one submission. */
    public static Answers at(Instant answeredAt, Map<String, List<String>> values) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        values.forEach((question, given) -> answers.put(question, new Answer(given, answeredAt)));
        return new Answers(answers);
    }

    /** One answer to one question. */
    public static Answers of(String questionId, Answer answer) {
        return new Answers(Map.of(questionId, answer));
    }

    public Optional<Answer> get(String questionId) {
        return Optional.ofNullable(byQuestion.get(questionId)).filter(Answer::isGiven);
    }

    /** These answers, updated by newer ones where both answer the same question. */
    public Answers updatedBy(Answers newer) {
        Map<String, Answer> merged = new LinkedHashMap<>(byQuestion);
        newer.byQuestion.forEach((question, answer) -> {
            if (answer.isGiven()) {
                merged.put(question, answer);
            }
        });
        return new Answers(merged);
    }
}
