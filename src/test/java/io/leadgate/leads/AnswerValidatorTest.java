package io.leadgate.leads;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.testing.BundleTexts;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's own check of answers: what a prospect gets told, and what is kept. */
class AnswerValidatorTest {

    static final FormDefinition FORM = TestForms.parse("""
            id: checks
            title: Checks
            languages: [en, de]
            dimensions: {need: {max: 10}}
            steps:
              - id: one
                questions:
                  - id: kind
                    type: single
                    label: Kind
                    required: true
                    options: [{value: a, label: A}, {value: b, label: B}]
                  - id: detail
                    type: text
                    label: Detail
                    required: true
                    show-if: {question: kind, equals: b}
                    validation: {min-length: 3, max-length: 10}
                  - id: many
                    type: multiple
                    label: Many
                    options: [{value: x, label: X}, {value: y, label: Y}]
                  - id: size
                    type: number
                    label: Size
                    validation: {min: 1, max: 100}
                  - id: stars
                    type: rating
                    label: Stars
                    scale: {min: 1, max: 5}
              - id: two
                questions:
                  - {id: email, type: email, label: Email, required: true}
                  - {id: phone, type: phone, label: Phone}
                  - {id: site, type: url, label: Site}
                  - {id: day, type: date, label: Day}
                  - {id: code, type: text, label: Code, validation: {pattern: "[A-Z]{3}", message: {en: Three capitals., de: Drei Großbuchstaben.}}}
                  - {id: notes, type: textarea, label: Notes}
                  - {id: agree, type: consent, label: I agree, required: true}
                  - {id: utm_source, type: hidden}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing: {qualified: {email: [sales@example.com]}}
            """);

    private static Map<String, List<String>> valid() {
        Map<String, List<String>> answers = new HashMap<>();
        answers.put("kind", List.of("a"));
        answers.put("email", List.of("ana@acme.example"));
        answers.put("agree", List.of("on"));
        return answers;
    }

    private static final AnswerMessages ENGLISH = BundleTexts.of(AnswerMessages.class, "answer", "en");
    private static final AnswerMessages GERMAN = BundleTexts.of(AnswerMessages.class, "answer", "de");

    private static AnswerValidator.Result check(Map<String, List<String>> answers) {
        return AnswerValidator.validate(FORM, answers);
    }

    /** Each refusal as the prospect reads it: question id and message. */
    private static List<String> told(List<AnswerError> errors, String language) {
        AnswerMessages messages = "de".equals(language) ? GERMAN : ENGLISH;
        return errors.stream()
                .map(e -> e.question() + ": " + e.message(messages, language))
                .toList();
    }

    private static String errorFor(String question, String... values) {
        Map<String, List<String>> answers = valid();
        answers.put(question, List.of(values));
        List<AnswerError> errors = check(answers).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(question, errors.getFirst().question());
        return errors.getFirst().message(ENGLISH, "en");
    }

    private static void accepted(String question, String... values) {
        Map<String, List<String>> answers = valid();
        answers.put(question, List.of(values));
        assertEquals(List.of(), check(answers).errors());
    }

    @Test
    void aCompleteSubmissionIsKeptAsGiven() {
        AnswerValidator.Result result = check(valid());
        assertTrue(result.isValid());
        assertEquals(List.of("yes"), result.answers().get("agree"));
        assertEquals(List.of("a"), result.answers().get("kind"));
    }

    @Test
    void requiredAnswersAndConsentAreDemanded() {
        AnswerValidator.Result result = check(Map.of());
        assertEquals(
                List.of(
                        "kind: Please answer this question.",
                        "email: Please answer this question.",
                        "agree: Please tick this box to continue."),
                told(result.errors(), "en"));
    }

    @Test
    void messagesFollowTheLanguage() {
        assertEquals(
                "kind: Bitte beantworten Sie diese Frage.",
                told(AnswerValidator.validate(FORM, Map.of()).errors(), "de").getFirst());
    }

    @Test
    void aRequiredQuestionIsOnlyRequiredWhenShown() {
        assertTrue(check(valid()).isValid());
        Map<String, List<String>> answers = valid();
        answers.put("kind", List.of("b"));
        assertEquals("detail", check(answers).errors().getFirst().question());
    }

    @Test
    void answersToHiddenQuestionsAreDropped() {
        Map<String, List<String>> answers = valid();
        answers.put("detail", List.of("sneaky"));
        AnswerValidator.Result result = check(answers);
        assertTrue(result.isValid());
        assertFalse(result.answers().containsKey("detail"));
    }

    @Test
    void unknownFieldsAreRefused() {
        Map<String, List<String>> answers = valid();
        answers.put("admin", List.of("true"));
        assertEquals(
                List.of("null: The field 'admin' is not part of this form."),
                told(check(answers).errors(), "en"));
    }

    @Test
    void oneAnswerWhereOneIsExpected() {
        assertEquals("Please choose only one answer.", errorFor("kind", "a", "b"));
        accepted("many", "x", "y");
        accepted("kind", "a", "a");
    }

    @Test
    void onlyOfferedOptions() {
        assertEquals("Please choose one of the answers offered.", errorFor("kind", "c"));
        assertEquals("Please choose one of the answers offered.", errorFor("many", "x", "z"));
    }

    @Test
    void numbersInRange() {
        accepted("size", "1");
        accepted("size", "100");
        accepted("size", "2.5");
        assertEquals(
                "Please enter a number, like 250 or 12.5.",
                errorFor("size", "2,5"),
                "one format, as the score reads it");
        assertEquals("Please enter a number, like 250 or 12.5.", errorFor("size", "1e2"));
        assertEquals("Please enter 1 or more.", errorFor("size", "0"));
        assertEquals("Please enter 100 or less.", errorFor("size", "101"));
        assertEquals("Please enter a number, like 250 or 12.5.", errorFor("size", "ten"));
        assertEquals("Please enter a number, like 250 or 12.5.", errorFor("size", "NaN"));
    }

    @Test
    void aNameFitsItsColumn() {
        AnswerValidator.Result result = AnswerValidator.validate(
                TestForms.parse("""
                        id: named
                        title: Named
                        dimensions: {need: {max: 10}}
                        steps:
                          - id: one
                            questions:
                              - {id: name, type: text, label: Name, validation: {max-length: 1000}}
                              - {id: email, type: email, label: Email, required: true}
                        outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                        routing: {qualified: {email: [sales@example.com]}}
                        """), Map.of("name", List.of("N".repeat(201)), "email", List.of("ana@acme.example")));
        assertEquals(List.of("name: Please keep this under 200 characters."), told(result.errors(), "en"));
    }

    @Test
    void ratingsOnTheScale() {
        accepted("stars", "5");
        assertEquals("Please choose one of the answers offered.", errorFor("stars", "6"));
        assertEquals("Please choose one of the answers offered.", errorFor("stars", "2.5"));
    }

    @Test
    void textLengthsCountCharactersNotBytes() {
        Map<String, List<String>> answers = valid();
        answers.put("kind", List.of("b"));
        answers.put("detail", List.of("äöüäöüäöüä"));
        assertTrue(check(answers).isValid());
        answers.put("detail", List.of("ab"));
        assertEquals(
                "detail: Please write at least 3 characters.",
                told(check(answers).errors(), "en").getFirst());
        answers.put("detail", List.of("abcdefghijk"));
        assertEquals(
                "detail: Please keep this under 10 characters.",
                told(check(answers).errors(), "en").getFirst());
    }

    @Test
    void longTextsHaveADefaultLimit() {
        accepted("notes", "x".repeat(AnswerValidator.DEFAULT_TEXTAREA_LENGTH));
        assertEquals(
                "Please keep this under 5000 characters.",
                errorFor("notes", "x".repeat(AnswerValidator.DEFAULT_TEXTAREA_LENGTH + 1)));
        assertEquals("Please keep this under 500 characters.", errorFor("utm_source", "x".repeat(501)));
    }

    @Test
    void formats() {
        assertEquals("Please enter an email address like name@company.com.", errorFor("email", "ana"));
        accepted("phone", "+49 (30) 123-4567");
        assertEquals("Please enter a phone number, like +1 555 123 4567.", errorFor("phone", "call me"));
        accepted("site", "https://acme.example/about");
        assertEquals("Please enter a web address starting with https://.", errorFor("site", "javascript:alert(1)"));
        assertEquals("Please enter a web address starting with https://.", errorFor("site", "acme"));
        accepted("day", "2027-01-31");
        assertEquals("Please enter a date.", errorFor("day", "2027-02-30"));
    }

    @Test
    void aFormsOwnMessageReplacesOurs() {
        accepted("code", "ABC");
        assertEquals("Three capitals.", errorFor("code", "abc"));
        Map<String, List<String>> answers = valid();
        answers.put("code", List.of("abc"));
        assertEquals(
                "code: Drei Großbuchstaben.",
                told(AnswerValidator.validate(FORM, answers).errors(), "de").getFirst());
    }

    @Test
    void controlCharactersAndLineBreaksInOneLineAnswersAreRefused() {
        assertEquals("This answer contains characters we cannot store.", errorFor("code", "AB\u0000C"));
        assertEquals(
                "This answer contains characters we cannot store.",
                errorFor("email", "ana@acme.example\r\nBcc: x@y.example"));
        accepted("notes", "line one\nline two");
    }

    @Test
    void consentMustBeAffirmative() {
        assertEquals("Please tick this box to continue.", errorFor("agree", "no"));
    }

    @Test
    void stepsCanBeCheckedOneAtATime() {
        AnswerValidator.Result first = AnswerValidator.validateSteps(FORM, 0, Map.of("kind", List.of("a")));
        assertTrue(first.isValid(), first.errors().toString());
        assertFalse(AnswerValidator.validateSteps(FORM, 1, Map.of("kind", List.of("a")))
                .isValid());
    }
}
