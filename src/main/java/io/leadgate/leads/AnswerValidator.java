package io.leadgate.leads;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Text;
import io.leadgate.forms.definition.Validation;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import io.leadgate.scoring.Numbers;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks answers against their form on the server, which has the last word: required answers, one value where one
 * is expected, known options, formats, ranges and lengths. Answers to questions that are not shown are dropped.
 */
public final class AnswerValidator {

    /** Values kept for the questions that are shown, and every refusal with its reason. */
    public record Result(Map<String, List<String>> answers, List<AnswerError> errors) {
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    static final int DEFAULT_TEXT_LENGTH = 500;
    static final int DEFAULT_TEXTAREA_LENGTH = 5000;
    /** The answer to the question {@code name} becomes the lead's name, which its column holds this many of. */
    static final int NAME_LENGTH = 200;

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{6,25}$");
    private static final Set<String> CONSENT_GIVEN = Set.of("yes", "true", "on", "1");

    private final FormDefinition form;
    private final Map<String, List<String>> kept = new LinkedHashMap<>();
    private final List<AnswerError> errors = new ArrayList<>();

    private AnswerValidator(FormDefinition form) {
        this.form = form;
    }

    /** Checks a whole submission; any answer to a question the form does not have is refused. */
    public static Result validate(FormDefinition form, Map<String, List<String>> answers) {
        AnswerValidator validator = new AnswerValidator(form);
        for (String question : answers.keySet()) {
            if (form.question(question).isEmpty()) {
                validator.errors.add(new AnswerError(null, Refusal.UNKNOWN_FIELD, question, null));
            }
        }
        form.steps().forEach(step -> validator.checkStep(step, answers));
        return validator.result();
    }

    /** Checks the steps up to and including {@code lastStep}, as a multi-step form does before moving on. */
    public static Result validateSteps(FormDefinition form, int lastStep, Map<String, List<String>> answers) {
        AnswerValidator validator = new AnswerValidator(form);
        for (int i = 0; i <= lastStep && i < form.steps().size(); i++) {
            validator.checkStep(form.steps().get(i), answers);
        }
        return validator.result();
    }

    private Result result() {
        return new Result(kept, errors);
    }

    private void checkStep(Step step, Map<String, List<String>> answers) {
        Answers known = Answers.at(Instant.EPOCH, kept);
        if (!Conditions.holds(step.showIf(), known)) {
            return;
        }
        for (Question question : step.questions()) {
            if (!Conditions.holds(question.showIf(), Answers.at(Instant.EPOCH, kept))) {
                continue;
            }
            List<String> given = answers.getOrDefault(question.id(), List.of()).stream()
                    .map(v -> v == null ? "" : v.strip())
                    .filter(v -> !v.isEmpty())
                    .distinct()
                    .toList();
            check(question, given);
        }
    }

    private void check(Question question, List<String> given) {
        QuestionType type = question.type();
        if (given.isEmpty()) {
            if (question.required()) {
                refuse(question, type == QuestionType.CONSENT ? Refusal.CONSENT : Refusal.REQUIRED);
            }
            return;
        }
        if (given.size() > 1 && type != QuestionType.MULTIPLE) {
            refuse(question, Refusal.ONE);
            return;
        }
        for (String value : given) {
            if (value.chars()
                            .anyMatch(c -> c == 0 || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))
                    || (type != QuestionType.TEXTAREA && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0))) {
                refuse(question, Refusal.CONTROL);
                return;
            }
        }
        String value = given.getFirst();
        Validation rules = question.validation();
        AnswerError problem = switch (type) {
            case SINGLE, MULTIPLE, DROPDOWN ->
                given.stream()
                                .allMatch(v -> question.options().stream()
                                        .map(Option::value)
                                        .anyMatch(v::equals))
                        ? null
                        : refusal(question, Refusal.OPTION);
            case NUMBER -> number(question, value, rules.min(), rules.max());
            case RATING ->
                number(question, value, (double) question.scale().min(), (double)
                                                question.scale().max())
                                        != null
                                || !value.matches("-?\\d+")
                        ? refusal(question, Refusal.OPTION)
                        : null;
            case TEXT, TEXTAREA, HIDDEN ->
                text(question, value, type == QuestionType.TEXTAREA ? DEFAULT_TEXTAREA_LENGTH : DEFAULT_TEXT_LENGTH);
            case EMAIL ->
                EmailAddress.clean(value).isEmpty() ? refusal(question, Refusal.EMAIL) : text(question, value, 254);
            case PHONE ->
                PHONE.matcher(value).matches()
                                && value.chars().filter(Character::isDigit).count() >= 6
                        ? text(question, value, 30)
                        : refusal(question, Refusal.PHONE);
            case URL -> isWebAddress(value) ? text(question, value, 2000) : refusal(question, Refusal.URL);
            case DATE -> isDate(value) ? null : refusal(question, Refusal.DATE);
            case CONSENT -> CONSENT_GIVEN.contains(value.toLowerCase()) ? null : refusal(question, Refusal.CONSENT);
        };
        if (problem != null) {
            errors.add(problem);
        } else {
            kept.put(question.id(), type == QuestionType.CONSENT ? List.of("yes") : given);
        }
    }

    private AnswerError number(Question question, String value, Double min, Double max) {
        Optional<Double> parsed = Numbers.parse(value);
        if (parsed.isEmpty()) {
            return refusal(question, Refusal.NUMBER);
        }
        double number = parsed.get();
        if (min != null && number < min) {
            return refusal(question, Refusal.MIN, plain(min));
        }
        if (max != null && number > max) {
            return refusal(question, Refusal.MAX, plain(max));
        }
        return null;
    }

    private AnswerError text(Question question, String value, int defaultMax) {
        Validation rules = question.validation();
        int length = value.codePointCount(0, value.length());
        int max = rules.maxLength() != null ? rules.maxLength() : defaultMax;
        if ("name".equals(question.id())) {
            max = Math.min(max, NAME_LENGTH);
        }
        if (rules.minLength() != null && length < rules.minLength()) {
            return refusal(question, Refusal.TOO_SHORT, String.valueOf(rules.minLength()));
        }
        if (length > max) {
            return refusal(question, Refusal.TOO_LONG, String.valueOf(max));
        }
        if (rules.pattern() != null
                && !Pattern.compile(rules.pattern()).matcher(value).matches()) {
            return refusal(question, Refusal.PATTERN);
        }
        return null;
    }

    /** The longest answer a text question takes: its own limit, within what the answer is stored in. */
    public static int maxLength(Question question) {
        int max = question.validation().maxLength() != null
                ? question.validation().maxLength()
                : question.type() == QuestionType.TEXTAREA ? DEFAULT_TEXTAREA_LENGTH : DEFAULT_TEXT_LENGTH;
        return "name".equals(question.id()) ? Math.min(max, NAME_LENGTH) : max;
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A refusal of presence or safety, which the form's own validation message does not speak to. */
    private void refuse(Question question, Refusal refusal) {
        errors.add(new AnswerError(question.id(), refusal));
    }

    /** A refusal of the answer's form; the form's own message explains its rules, when it has one. */
    private static AnswerError refusal(Question question, Refusal refusal, String argument) {
        Text custom =
                question.type() != QuestionType.HIDDEN ? question.validation().message() : null;
        return new AnswerError(question.id(), refusal, argument, custom);
    }

    private static AnswerError refusal(Question question, Refusal refusal) {
        return refusal(question, refusal, null);
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
