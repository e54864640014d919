package io.leadgate.forms;

import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.NumberRange;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Steps and questions: unique ids, labels, options, points against dimensions, ranges, validation rules, knockouts and show-if on earlier answers; one email question. */
final class QuestionChecks extends FormCheck {

    private final Map<String, Question> earlierQuestions = new LinkedHashMap<>();

    QuestionChecks(FormCheck shared) {
        super(shared);
    }

    void checkSteps() {
        Set<String> stepIds = new HashSet<>();
        for (int s = 0; s < form.steps().size(); s++) {
            Step step = form.steps().get(s);
            String stepPointer = "/steps/" + s;
            if (!stepIds.add(step.id())) {
                problem(
                        stepPointer + "/id",
                        "the step id '" + step.id() + "' is used twice",
                        "give each step its own id.");
            }
            text(stepPointer + "/title", step.title());
            text(stepPointer + "/description", step.description());
            condition(stepPointer + "/show-if", step.showIf());
            Map<String, Question> inThisStep = new LinkedHashMap<>();
            for (int q = 0; q < step.questions().size(); q++) {
                Question question = step.questions().get(q);
                String pointer = stepPointer + "/questions/" + q;
                if (earlierQuestions.containsKey(question.id()) || inThisStep.containsKey(question.id())) {
                    problem(
                            pointer + "/id",
                            "the question id '" + question.id() + "' is used twice",
                            "give each question its own id; answers are stored under it.");
                }
                question(pointer, question, inThisStep);
                inThisStep.put(question.id(), question);
            }
            earlierQuestions.putAll(inThisStep);
        }
    }

    void question(String pointer, Question question, Map<String, Question> earlierInStep) {
        QuestionType type = question.type();
        if (type != QuestionType.HIDDEN && question.label() == null) {
            problem(
                    pointer,
                    "the question '" + question.id() + "' has no label",
                    "add 'label:' with the question text.");
        }
        text(pointer + "/label", question.label());
        text(pointer + "/help", question.help());
        text(pointer + "/placeholder", question.placeholder());
        text(pointer + "/validation/message", question.validation().message());
        if (type.hasOptions() && question.options().isEmpty()) {
            problem(
                    pointer,
                    "a " + type.key() + " question needs options",
                    "add 'options:' with value and label for each.");
        }
        if (!type.hasOptions() && !question.options().isEmpty()) {
            problem(
                    pointer + "/options",
                    "options only apply to single, multiple and dropdown questions",
                    "remove 'options' or change the type.");
        }
        Set<String> values = new HashSet<>();
        for (int o = 0; o < question.options().size(); o++) {
            Option option = question.options().get(o);
            String optionPointer = pointer + "/options/" + o;
            if (!values.add(option.value())) {
                problem(
                        optionPointer + "/value",
                        "the option value '" + option.value() + "' is used twice",
                        "give each option its own value.");
            }
            text(optionPointer + "/label", option.label());
            points(optionPointer + "/points", option.points());
            knockout(optionPointer + "/knockout", option.knockout());
        }
        if (!question.maxPoints().isEmpty() && type != QuestionType.MULTIPLE) {
            problem(pointer + "/max-points", "max-points only applies to multiple-choice questions", "remove it.");
        }
        question.maxPoints().forEach((dimension, cap) -> {
            Dimension declared = dimension(pointer + "/max-points/" + dimension, dimension);
            if (declared != null && (cap < 1 || cap > declared.max())) {
                problem(
                        pointer + "/max-points/" + dimension,
                        "the cap " + cap + " is outside 1.." + declared.max(),
                        "cap at most the dimension's max of " + declared.max() + ".");
            }
        });
        if (type == QuestionType.RATING) {
            if (question.scale() == null) {
                problem(pointer, "a rating question needs a scale", "add 'scale: {min: 1, max: 5}'.");
            } else if (question.scale().max() <= question.scale().min()
                    || question.scale().max() - question.scale().min() > 10) {
                problem(
                        pointer + "/scale",
                        "the scale must go up, by at most 10 steps",
                        "use for example 'scale: {min: 1, max: 5}'.");
            } else {
                text(pointer + "/scale/min-label", question.scale().minLabel());
                text(pointer + "/scale/max-label", question.scale().maxLabel());
            }
        } else if (question.scale() != null) {
            problem(pointer + "/scale", "a scale only applies to rating questions", "remove it or use 'type: rating'.");
        }
        ranges(pointer, question);
        validation(pointer + "/validation", question);
        if (type == QuestionType.CONSENT && question.required() == false) {
            problem(pointer + "/type", "a consent checkbox must be required", "add 'required: true'.");
        }
        if (type == QuestionType.HIDDEN && question.required()) {
            problem(pointer + "/required", "a hidden field cannot be required", "remove 'required'.");
        }
        if (question.param() != null && type != QuestionType.HIDDEN && !question.prefill()) {
            problem(
                    pointer + "/param",
                    "'param' names the query parameter of a hidden or prefilled field",
                    "add 'prefill: true' or remove 'param'.");
        }
        if (question.prefill() && (type == QuestionType.HIDDEN || type == QuestionType.CONSENT)) {
            problem(
                    pointer + "/prefill",
                    "a " + type.key() + " field cannot be prefilled",
                    type == QuestionType.HIDDEN
                            ? "hidden fields read the query string already; remove 'prefill'."
                            : "consent must be given by the person; remove 'prefill'.");
        }
        Map<String, Question> visible = new LinkedHashMap<>(earlierQuestions);
        visible.putAll(earlierInStep);
        new ConditionChecks(this).condition(pointer + "/show-if", question.showIf(), visible);
    }

    void ranges(String pointer, Question question) {
        if (question.ranges().isEmpty()) {
            return;
        }
        if (!question.type().isNumeric()) {
            problem(
                    pointer + "/ranges",
                    "ranges only apply to number and rating questions",
                    "use points on options instead, or change the type.");
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < question.ranges().size(); r++) {
            NumberRange range = question.ranges().get(r);
            String rangePointer = pointer + "/ranges/" + r;
            if (range.min() == null && range.max() == null) {
                problem(
                        rangePointer,
                        "a range needs min, max or both",
                        "add 'min:' (inclusive) and/or 'max:' (exclusive).");
            } else if (range.min() != null && range.max() != null && range.min() >= range.max()) {
                problem(
                        rangePointer,
                        "min " + range.min() + " is not below max " + range.max(),
                        "swap them or fix one.");
            }
            points(rangePointer + "/points", range.points());
            knockout(rangePointer + "/knockout", range.knockout());
            order.add(r);
        }
        order.sort(Comparator.comparingDouble(r -> lower(question.ranges().get(r))));
        for (int i = 1; i < order.size(); i++) {
            NumberRange before = question.ranges().get(order.get(i - 1));
            NumberRange after = question.ranges().get(order.get(i));
            if (upper(before) > lower(after)) {
                problem(
                        pointer + "/ranges/" + order.get(i),
                        "this range overlaps another",
                        "make each range start where the previous one ends (max is exclusive).");
            }
        }
    }

    static double lower(NumberRange range) {
        return range.min() == null ? Double.NEGATIVE_INFINITY : range.min();
    }

    static double upper(NumberRange range) {
        return range.max() == null ? Double.POSITIVE_INFINITY : range.max();
    }

    void validation(String pointer, Question question) {
        Validation v = question.validation();
        if ((v.min() != null || v.max() != null) && !question.type().isNumeric()) {
            problem(pointer, "min and max apply to number questions", "use min-length and max-length for texts.");
        }
        if (v.min() != null && v.max() != null && v.min() > v.max()) {
            problem(pointer + "/min", "min is above max", "swap them.");
        }
        if ((v.minLength() != null || v.maxLength() != null || v.pattern() != null)
                && !question.type().isFreeText()) {
            problem(pointer, "min-length, max-length and pattern apply to text answers", "remove them for this type.");
        }
        if (v.minLength() != null && v.maxLength() != null && v.minLength() > v.maxLength()) {
            problem(pointer + "/min-length", "min-length is above max-length", "swap them.");
        }
        if (v.pattern() != null) {
            try {
                Pattern.compile(v.pattern());
            } catch (PatternSyntaxException e) {
                problem(
                        pointer + "/pattern",
                        "the pattern is not a valid regular expression: " + e.getDescription(),
                        "fix the expression (Java regular expression syntax).");
            }
        }
    }

    void points(String pointer, Map<String, Integer> points) {
        points.forEach((name, value) -> {
            Dimension dimension = dimension(pointer + "/" + name, name);
            if (dimension != null && Math.abs(value) > dimension.max()) {
                problem(
                        pointer + "/" + name,
                        value + " points exceed the dimension's max of " + dimension.max(),
                        "use at most " + dimension.max() + " (or raise 'max' of " + name + ").");
            }
        });
    }

    Dimension dimension(String pointer, String name) {
        Dimension dimension = form.dimensions().get(name);
        if (dimension == null) {
            String suggestion = Suggestions.closest(name, form.dimensions().keySet());
            findings.add(Finding.atKey(
                    pointer,
                    "'" + name + "' is not a declared dimension",
                    (suggestion != null ? "did you mean '" + suggestion + "'? " : "")
                            + "declare it under 'dimensions:' or use one of: "
                            + String.join(", ", form.dimensions().keySet()) + "."));
        }
        return dimension;
    }

    void knockout(String pointer, String code) {
        if (code != null && !form.knockouts().containsKey(code)) {
            problem(
                    pointer,
                    "the knockout reason '" + code + "' is not declared",
                    "add it under 'knockouts:' with a sentence that tells sales why, e.g. '" + code + ": ...'.");
        }
    }

    void condition(String pointer, Condition condition) {
        new ConditionChecks(this).condition(pointer, condition, earlierQuestions);
    }

    void checkEmailQuestion() {
        List<Question> emails =
                form.questions().filter(q -> q.type() == QuestionType.EMAIL).toList();
        if (emails.size() != 1
                || !emails.getFirst().required()
                || emails.getFirst().showIf() != null) {
            problem(
                    "/steps",
                    "a form needs exactly one email question, required and always shown: it identifies the lead",
                    "add '- {id: email, type: email, label: Work email, required: true}' to a step.");
        }
    }
}
