package io.leadgate.leads;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Validation;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{6,25}$");
    private static final Set<String> CONSENT_GIVEN = Set.of("yes", "true", "on", "1");

    private static final Map<String, Map<String, String>> MESSAGES = Map.of(
            "en",
                    Map.ofEntries(
                            Map.entry("required", "Please answer this question."),
                            Map.entry("consent", "Please tick this box to continue."),
                            Map.entry("one", "Please choose only one answer."),
                            Map.entry("option", "Please choose one of the answers offered."),
                            Map.entry("number", "Please enter a number."),
                            Map.entry("min", "Please enter %s or more."),
                            Map.entry("max", "Please enter %s or less."),
                            Map.entry("short", "Please write at least %s characters."),
                            Map.entry("long", "Please keep this under %s characters."),
                            Map.entry("pattern", "Please check the format of this answer."),
                            Map.entry("email", "Please enter an email address like name@company.com."),
                            Map.entry("phone", "Please enter a phone number, like +1 555 123 4567."),
                            Map.entry("url", "Please enter a web address starting with https://."),
                            Map.entry("date", "Please enter a date."),
                            Map.entry("control", "This answer contains characters we cannot store.")),
            "de",
                    Map.ofEntries(
                            Map.entry("required", "Bitte beantworten Sie diese Frage."),
                            Map.entry("consent", "Bitte setzen Sie das Häkchen, um fortzufahren."),
                            Map.entry("one", "Bitte wählen Sie nur eine Antwort."),
                            Map.entry("option", "Bitte wählen Sie eine der angebotenen Antworten."),
                            Map.entry("number", "Bitte geben Sie eine Zahl ein."),
                            Map.entry("min", "Bitte geben Sie %s oder mehr ein."),
                            Map.entry("max", "Bitte geben Sie %s oder weniger ein."),
                            Map.entry("short", "Bitte schreiben Sie mindestens %s Zeichen."),
                            Map.entry("long", "Bitte bleiben Sie unter %s Zeichen."),
                            Map.entry("pattern", "Bitte prüfen Sie das Format dieser Antwort."),
                            Map.entry("email", "Bitte geben Sie eine E-Mail-Adresse wie name@firma.de ein."),
                            Map.entry("phone", "Bitte geben Sie eine Telefonnummer ein, z. B. +49 30 1234567."),
                            Map.entry("url", "Bitte geben Sie eine Webadresse ein, die mit https:// beginnt."),
                            Map.entry("date", "Bitte geben Sie ein Datum ein."),
                            Map.entry("control", "Diese Antwort enthält Zeichen, die wir nicht speichern können.")));

    private final FormDefinition form;
    private final String language;
    private final Map<String, List<String>> kept = new LinkedHashMap<>();
    private final List<AnswerError> errors = new ArrayList<>();

    private AnswerValidator(FormDefinition form, String language) {
        this.form = form;
        this.language = MESSAGES.containsKey(language) ? language : "en";
    }

    /** Checks a whole submission; any answer to a question the form does not have is refused. */
    public static Result validate(FormDefinition form, Map<String, List<String>> answers, String language) {
        AnswerValidator validator = new AnswerValidator(form, language);
        for (String question : answers.keySet()) {
            if (form.question(question).isEmpty()) {
                validator.errors.add(new AnswerError(null, "unknown field '" + question + "'"));
            }
        }
        form.steps().forEach(step -> validator.checkStep(step, answers));
        return validator.result();
    }

    /** Checks the steps up to and including {@code lastStep}, as a multi-step form does before moving on. */
    public static Result validateSteps(
            FormDefinition form, int lastStep, Map<String, List<String>> answers, String language) {
        AnswerValidator validator = new AnswerValidator(form, language);
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
                refuse(question, type == QuestionType.CONSENT ? "consent" : "required");
            }
            return;
        }
        if (given.size() > 1 && type != QuestionType.MULTIPLE) {
            refuse(question, "one");
            return;
        }
        for (String value : given) {
            if (value.chars()
                            .anyMatch(c -> c == 0 || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))
                    || (type != QuestionType.TEXTAREA && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0))) {
                refuse(question, "control");
                return;
            }
        }
        String value = given.getFirst();
        Validation rules = question.validation();
        String problem = switch (type) {
            case SINGLE, MULTIPLE, DROPDOWN ->
                given.stream()
                                .allMatch(v -> question.options().stream()
                                        .map(Option::value)
                                        .anyMatch(v::equals))
                        ? null
                        : message("option");
            case NUMBER -> number(value, rules.min(), rules.max());
            case RATING ->
                number(value, (double) question.scale().min(), (double)
                                                question.scale().max())
                                        != null
                                || !value.matches("-?\\d+")
                        ? message("option")
                        : null;
            case TEXT, TEXTAREA, HIDDEN ->
                text(value, rules, type == QuestionType.TEXTAREA ? DEFAULT_TEXTAREA_LENGTH : DEFAULT_TEXT_LENGTH);
            case EMAIL -> EmailAddress.clean(value).isEmpty() ? message("email") : text(value, rules, 254);
            case PHONE ->
                PHONE.matcher(value).matches()
                                && value.chars().filter(Character::isDigit).count() >= 6
                        ? text(value, rules, 30)
                        : message("phone");
            case URL -> isWebAddress(value) ? text(value, rules, 2000) : message("url");
            case DATE -> isDate(value) ? null : message("date");
            case CONSENT -> CONSENT_GIVEN.contains(value.toLowerCase()) ? null : message("consent");
        };
        if (problem != null) {
            errors.add(new AnswerError(
                    question.id(),
                    rules.message() != null && type != QuestionType.HIDDEN
                            ? rules.message().in(language)
                            : problem));
        } else {
            kept.put(question.id(), type == QuestionType.CONSENT ? List.of("yes") : given);
        }
    }

    private String number(String value, Double min, Double max) {
        double number;
        try {
            number = Double.parseDouble(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            return message("number");
        }
        if (!Double.isFinite(number)) {
            return message("number");
        }
        if (min != null && number < min) {
            return message("min", plain(min));
        }
        if (max != null && number > max) {
            return message("max", plain(max));
        }
        return null;
    }

    private String text(String value, Validation rules, int defaultMax) {
        int length = value.codePointCount(0, value.length());
        int max = rules.maxLength() != null ? rules.maxLength() : defaultMax;
        if (rules.minLength() != null && length < rules.minLength()) {
            return message("short", String.valueOf(rules.minLength()));
        }
        if (length > max) {
            return message("long", String.valueOf(max));
        }
        if (rules.pattern() != null
                && !Pattern.compile(rules.pattern()).matcher(value).matches()) {
            return message("pattern");
        }
        return null;
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

    private void refuse(Question question, String key) {
        // The form's own message explains its rules; these keys concern presence and safety, which it does not cover.
        boolean ours = Set.of("required", "consent", "one", "control").contains(key);
        errors.add(new AnswerError(
                question.id(),
                question.validation().message() != null && !ours
                        ? question.validation().message().in(language)
                        : message(key)));
    }

    private String message(String key, String... arguments) {
        return String.format(MESSAGES.get(language).get(key), (Object[]) arguments);
    }

    /** One of the messages above in a language (English when there is none in it), for pages that say the same. */
    public static String messageIn(String language, String key) {
        return MESSAGES.getOrDefault(language, MESSAGES.get("en")).get(key);
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
