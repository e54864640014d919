package io.leadgate.admin;

import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import io.leadgate.scoring.Verdict;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The score simulator as a marketer sees it: the scored questions asked like the form asks them (radios, checkboxes,
 * the rating scale, numbers), those the picked answers would not show set aside, and how far the score is from
 * the next threshold.
 */
public record SimulatorView(
        String action,
        String csrf,
        String language,
        List<Item> items,
        Map<String, List<String>> picked,
        Simulation simulation,
        String distance) {

    /** One scored question, whether the picked answers would show it, and when it is shown if not always. */
    public record Item(Question question, boolean asked, String shownWhen) {

        public boolean picked(Map<String, List<String>> picked, Object value) {
            List<String> values = picked.get(question.id());
            return values != null && values.contains(String.valueOf(value));
        }

        public String value(Map<String, List<String>> picked) {
            List<String> values = picked.get(question.id());
            return values == null || values.isEmpty() ? "" : values.getFirst();
        }

        public boolean choice() {
            return question.type() == QuestionType.SINGLE || question.type() == QuestionType.DROPDOWN;
        }

        public boolean multiple() {
            return question.type() == QuestionType.MULTIPLE;
        }

        public boolean rating() {
            return question.type() == QuestionType.RATING && question.scale() != null;
        }
    }

    static SimulatorView of(
            FormDefinition form, String action, String csrf, Map<String, List<String>> picked, Simulation simulation) {
        String language = form.defaultLanguage();
        Answers answers = Answers.at(Instant.now(), picked);
        List<Item> items = scored(form).stream()
                .map(q -> new Item(q, Conditions.isShown(form, q, answers), shownWhen(form, q, language)))
                .toList();
        return new SimulatorView(
                action,
                csrf,
                language,
                items,
                picked,
                simulation,
                simulation == null ? null : distance(form, simulation));
    }

    /** The picked answers of the scored questions, blanks dropped. */
    static Map<String, List<String>> picked(FormDefinition form, MultivaluedMap<String, String> fields) {
        Map<String, List<String>> picked = new LinkedHashMap<>();
        for (Question question : scored(form)) {
            List<String> values = fields.getOrDefault(question.id(), List.of()).stream()
                    .filter(v -> v != null && !v.isBlank())
                    .map(String::strip)
                    .toList();
            if (!values.isEmpty()) {
                picked.put(question.id(), values);
            }
        }
        return picked;
    }

    /** The questions whose answers change the score. */
    static List<Question> scored(FormDefinition form) {
        List<Question> questions = new ArrayList<>();
        form.questions()
                .filter(q -> !q.options().isEmpty() || !q.ranges().isEmpty())
                .forEach(questions::add);
        return questions;
    }

    /** Which threshold the score would have to cross next, and by how many points. */
    static String distance(FormDefinition form, Simulation simulation) {
        Integer qualified = form.verdicts().qualified() == null
                ? null
                : form.verdicts().qualified().min();
        Integer nurture = form.verdicts().nurture() == null
                ? null
                : form.verdicts().nurture().min();
        int total = simulation.score().total();
        if (simulation.score().isKnockedOut()) {
            return "A knockout answer decides the verdict whatever the score; change that answer to see the score count.";
        }
        if (simulation.score().verdict() == Verdict.QUALIFIED) {
            return qualified == null
                    ? "Qualified."
                    : "Qualified from " + qualified + ": " + points(total - qualified) + " above the threshold.";
        }
        StringBuilder text = new StringBuilder();
        if (qualified != null) {
            text.append("Qualified from ")
                    .append(qualified)
                    .append(": ")
                    .append(points(qualified - total))
                    .append(" short.");
        }
        if (nurture != null && total < nurture) {
            text.append(text.isEmpty() ? "" : " ")
                    .append("Nurture from ")
                    .append(nurture)
                    .append(": ")
                    .append(points(nurture - total))
                    .append(" short.");
        }
        return text.toString();
    }

    private static String points(int points) {
        return points == 1 ? "1 point" : points + " points";
    }

    private static String shownWhen(FormDefinition form, Question question, String language) {
        List<String> parts = new ArrayList<>();
        for (Step step : form.steps()) {
            if (step.questions().contains(question) && step.showIf() != null) {
                parts.add(describe(form, step.showIf(), language));
            }
        }
        if (question.showIf() != null) {
            parts.add(describe(form, question.showIf(), language));
        }
        return parts.isEmpty() ? null : String.join(" and ", parts);
    }

    /** A condition as a sentence with the form's own labels: "Team size is 6 to 20 or More than 20". */
    static String describe(FormDefinition form, Condition condition, String language) {
        if (condition.all() != null) {
            return condition.all().stream()
                    .map(c -> describe(form, c, language))
                    .collect(Collectors.joining(" and ", "(", ")"));
        }
        if (condition.any() != null) {
            return condition.any().stream()
                    .map(c -> describe(form, c, language))
                    .collect(Collectors.joining(" or ", "(", ")"));
        }
        if (condition.not() != null) {
            return "not " + describe(form, condition.not(), language);
        }
        Question asked = form.questions()
                .filter(q -> q.id().equals(condition.question()))
                .findFirst()
                .orElse(null);
        String name = asked == null ? condition.question() : "“" + asked.label().in(language) + "”";
        if (condition.equalTo() != null) {
            return name + " is " + label(asked, condition.equalTo(), language);
        }
        if (condition.anyOf() != null) {
            return name + " is " + labels(asked, condition.anyOf(), language, " or ");
        }
        if (condition.notIn() != null) {
            return name + " is not " + labels(asked, condition.notIn(), language, " or ");
        }
        if (condition.answered() != null) {
            return name + (condition.answered() ? " is answered" : " is left empty");
        }
        String from = condition.min() == null ? "" : " at least " + plain(condition.min());
        String below = condition.max() == null ? "" : " below " + plain(condition.max());
        return name + " is" + from + (from.isEmpty() || below.isEmpty() ? "" : " and") + below;
    }

    private static String labels(Question question, List<String> values, String language, String joiner) {
        return values.stream().map(v -> label(question, v, language)).collect(Collectors.joining(joiner));
    }

    private static String label(Question question, String value, String language) {
        if (question == null) {
            return value;
        }
        return question.options().stream()
                .filter(o -> o.value().equals(value))
                .map(Option::label)
                .map(l -> l.in(language))
                .findFirst()
                .orElse(value);
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
