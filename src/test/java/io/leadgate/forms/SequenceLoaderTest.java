package io.leadgate.forms;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequence files are checked like forms: schema, send window and every template, each problem with its line. */
class SequenceLoaderTest {

    static final String VALID = """
            name: Welcome
            send-window: {days: [mon, tue], from: "09:00", until: "17:00", time-zone: Europe/Berlin}
            steps:
              - id: hello
                delay: PT1S
                subject: "Hi {lead.firstName}"
                html: '<p>Hello {lead.name}, you chose {answers.budget}. <a href="{links.requalify}">More</a></p>'
                text: "Hello {lead.name}"
            """;

    private final SequenceLoader loader = new SequenceLoader();

    private LoadedSequence load(String yaml) {
        return loader.load("welcome", "sequences/welcome.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private FormProblem only(String yaml) {
        List<FormProblem> problems =
                assertInstanceOf(BrokenSequence.class, load(yaml)).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst();
    }

    @Test
    void aValidSequenceRendersEscapedHtmlAndOneLineSubjects() {
        ValidSequence sequence = assertInstanceOf(ValidSequence.class, load(VALID));
        assertEquals(java.util.Set.of("budget"), sequence.answersUsed());
        RenderedEmail email = sequence.render(
                0,
                "en",
                Map.of(
                        "lead",
                        Map.of(
                                "name",
                                "<b>Ana</b>",
                                "firstName",
                                "Ana\r\nBcc: x@evil.example",
                                "company",
                                "",
                                "email",
                                "a@b.example"),
                        "form",
                        Map.of("id", "f", "title", "F"),
                        "answers",
                        Map.of("budget", "Big & bold"),
                        "links",
                        Map.of("requalify", "https://x.example/r/1", "unsubscribe", "https://x.example/u/1"),
                        "step",
                        Map.of("number", 1, "count", 1)));
        assertEquals("Hi Ana Bcc: x@evil.example", email.subject(), "no line break can reach the header");
        assertTrue(
                email.html().contains("&lt;b&gt;Ana&lt;/b&gt;") && email.html().contains("Big &amp; bold"),
                email.html());
        assertEquals("Hello <b>Ana</b>", email.text().strip());
    }

    @Test
    void aReminderRendersAfterTheStepsAndIsCheckedLikeThem() {
        String withReminder = VALID + """
                reminder:
                  subject: "Now, {lead.firstName}?"
                  html: '<p><a href="{links.requalify}">Tell us</a></p>'
                  text: "Tell us: {links.requalify}"
                """;
        ValidSequence sequence = assertInstanceOf(ValidSequence.class, load(withReminder));
        assertEquals(java.util.OptionalInt.of(1), sequence.reminderIndex());
        assertEquals(
                java.util.OptionalInt.empty(),
                assertInstanceOf(ValidSequence.class, load(VALID)).reminderIndex());
        RenderedEmail email = sequence.render(
                1,
                "en",
                Map.of(
                        "lead",
                        Map.of("name", "Ana", "firstName", "Ana", "company", "", "email", "a@b.example"),
                        "form",
                        Map.of("id", "f", "title", "F"),
                        "answers",
                        Map.of(),
                        "links",
                        Map.of("requalify", "https://x.example/r/1", "unsubscribe", "https://x.example/u/1"),
                        "step",
                        Map.of("number", 2, "count", 1)));
        assertEquals("Now, Ana?", email.subject());
        assertEquals("Tell us: https://x.example/r/1", email.text().strip());

        FormProblem problem = only(withReminder.replace("Tell us: {links.requalify}", "Tell us: {links.requalfy}"));
        assertEquals(12, problem.line());
        assertTrue(only(withReminder.replace("  text: \"Tell", "  delay: P1D\n  text: \"Tell"))
                .message()
                .contains("delay"));
    }

    @Test
    void anUnknownTemplateValueIsFoundOnReview() {
        FormProblem problem = only(VALID.replace("{lead.name}\"", "{lead.nmae}\""));
        assertEquals(8, problem.line());
        assertTrue(problem.message().startsWith("template line 1:"), problem.message());
        assertTrue(problem.fix().contains("lead.firstName"), problem.fix());
    }

    @Test
    void aTemplateSyntaxErrorIsPlaced() {
        FormProblem problem = only(VALID.replace("\"Hi {lead.firstName}\"", "\"Hi {#if lead.firstName}\""));
        assertEquals(6, problem.line());
    }

    @Test
    void theWindowIsChecked() {
        assertEquals(
                "'Mars/Olympus' is not a time zone",
                only(VALID.replace("Europe/Berlin", "Mars/Olympus")).message());
        assertEquals(
                "the window closes before it opens",
                only(VALID.replace("\"17:00\"", "\"08:00\"")).message());
        assertTrue(only(VALID.replace("\"09:00\"", "\"9am\"")).message().contains("not a valid time of day"));
    }

    @Test
    void theSchemaNamesUnknownFieldsAndMissingOnes() {
        FormProblem unknown = only(VALID.replace("    delay: PT1S", "    dealy: PT1S\n    delay: PT1S"));
        assertEquals("unknown field 'dealy'", unknown.message());
        assertTrue(unknown.fix().startsWith("did you mean 'delay'?"), unknown.fix());
        assertEquals(
                "'subject' is missing",
                only(VALID.replace("    subject: \"Hi {lead.firstName}\"\n", ""))
                        .message());
    }

    @Test
    void aFormMustNameASequenceThatExistsAndAsksWhatItShows() {
        ValidSequence sequence = assertInstanceOf(ValidSequence.class, load(VALID));
        String form = """
                id: f
                title: F
                dimensions: {fit: {max: 10}}
                steps:
                  - id: only
                    questions:
                      - {id: fit, type: single, label: "Fit?", options: [{value: "y", label: "Y", points: {fit: 10}}]}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@example.com]}}
                nurture: {sequence: welcome}
                """;
        FormLoader missing = new FormLoader(SecretReferences.NONE, false, id -> Optional.empty());
        FormProblem none = assertInstanceOf(
                        BrokenForm.class, missing.load("f", "f.yaml", form.getBytes(StandardCharsets.UTF_8)))
                .problems()
                .getFirst();
        assertEquals("there is no nurture sequence 'welcome'", none.message());
        assertEquals(11, none.line());

        FormLoader present = new FormLoader(SecretReferences.NONE, false, id -> Optional.of(sequence));
        FormProblem unasked = assertInstanceOf(
                        BrokenForm.class, present.load("f", "f.yaml", form.getBytes(StandardCharsets.UTF_8)))
                .problems()
                .getFirst();
        assertEquals("the sequence 'welcome' shows answers.budget, which this form does not ask", unasked.message());
        assertInstanceOf(
                ValidForm.class,
                present.load(
                        "f", "f.yaml", form.replace("id: fit,", "id: budget,").getBytes(StandardCharsets.UTF_8)));
    }
}
