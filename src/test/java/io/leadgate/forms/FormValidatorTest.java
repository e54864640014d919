package io.leadgate.forms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.leadgate.forms.definition.FormDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The semantic checks, concern by concern, on definitions the schema already accepted. */
class FormValidatorTest {

    private static final String BASE = """
            id: checked
            title: {en: Checked, de: Geprüft}
            languages: [en, de]
            dimensions: {need: {max: 10, label: {en: Need, de: Bedarf}}}
            steps:
              - id: one
                questions:
                  - id: kind
                    type: single
                    label: {en: Kind, de: Art}
                    options:
                      - {value: a, label: {en: A, de: A}, points: {need: 10}}
                      - {value: b, label: {en: B, de: B}}
                  - {id: email, type: email, label: {en: Email, de: E-Mail}, required: true}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing: {qualified: {email: [sales@example.com]}}
            """;

    private static List<Finding> check(String yaml, boolean allowInsecureUrls) {
        try {
            var tree = new YAMLMapper().readTree(yaml);
            FormDefinition form = JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .findAndAddModules()
                    .build()
                    .treeToValue(tree, FormDefinition.class);
            return FormValidator.check(form, "checked", allowInsecureUrls);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> pointers(String yaml) {
        return check(yaml, false).stream().map(Finding::pointer).toList();
    }

    private static Finding only(String yaml) {
        List<Finding> findings = check(yaml, false);
        assertEquals(1, findings.size(), findings.toString());
        return findings.getFirst();
    }

    @Test
    void theBaseFormPasses() {
        assertEquals(List.of(), check(BASE, false));
    }

    @Test
    void aZeroDecayOrHalfLifeIsRefused() {
        assertEquals(
                List.of("/dimensions/need/half-life"),
                pointers(BASE.replace("{max: 10, label:", "{max: 10, half-life: P0D, label:")));
        assertEquals(
                List.of("/dimensions/need/decay"),
                pointers(BASE.replace("{max: 10, label:", "{max: 10, decay: PT0S, label:")));
    }

    @Test
    void contrastFollowsWcag() {
        assertEquals(21.0, ThemeChecks.contrast("#000000", "#ffffff"), 0.01);
        assertEquals(1.0, ThemeChecks.contrast("#777777", "#777777"), 0.01);
        Finding low = only(BASE + "theme: {text-color: \"#888888\", background-color: \"#999999\"}\n");
        assertEquals("/theme/text-color", low.pointer());
        assertTrue(low.message().contains("below the 4.5:1"), low.message());
        assertEquals(List.of("/theme/primary-color"), pointers(BASE + "theme: {primary-color: \"#fde047\"}\n"));
    }

    @Test
    void urlsMustBeHttpsUnlessAllowed() {
        String form = BASE.replace(
                "routing: {qualified: {email: [sales@example.com]}}",
                "routing: {qualified: {webhooks: [{kind: slack, url: \"http://hooks.example.com/x\"}]}}");
        assertEquals(List.of("/routing/qualified/webhooks/0/url"), pointers(form));
        assertEquals(List.of(), check(form, true));
        assertEquals(
                List.of("/embed/allowed-origins/0"),
                pointers(BASE + "embed: {allowed-origins: [\"https://www.example.com/pricing\"]}\n"));
        assertEquals(List.of(), pointers(BASE.replace("title:", "theme: {logo: /logo.svg, logo-alt: Acme}\ntitle:")));
    }

    @Test
    void secretsMustBeStrongAndOnlyWhereTheyAreUsed() {
        String weak = BASE.replace(
                "routing: {qualified: {email: [sales@example.com]}}",
                "routing: {qualified: {webhooks: [{url: \"https://crm.example.com/h\", secret: whsec_c2hvcnQ=}]}}");
        assertEquals(List.of("/routing/qualified/webhooks/0/secret"), pointers(weak));
        String chat = BASE.replace(
                "routing: {qualified: {email: [sales@example.com]}}",
                "routing: {qualified: {webhooks: [{kind: teams, url: \"https://teams.example.com/h\", secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}]}}");
        assertTrue(only(chat).message().contains("not signed"));
    }

    @Test
    void routingReferencesMustResolve() {
        String unknownRep = BASE.replace("routing: {qualified: {email: [sales@example.com]}}", """
                routing:
                  qualified:
                    assignment:
                      reps: [{email: ana@example.com}]
                      rules: [{if: {question: kind, equals: a}, reps: [ben@example.com]}]
                """);
        assertEquals(List.of("/routing/qualified/assignment/rules/0/reps/0"), pointers(unknownRep));
        assertEquals(
                List.of("/routing"), pointers(BASE.replace("routing: {qualified: {email: [sales@example.com]}}", "")));
        String bands = BASE + "nurture: {bands: [{min-score: 40, sequence: low}, {min-score: 50, sequence: high}]}\n";
        assertEquals(List.of("/nurture/bands/1/min-score"), pointers(bands));
        assertEquals(
                List.of("/outcomes/qualified/min"),
                pointers(BASE.replace("qualified: {min: 70}", "qualified: {min: 20}")));
    }

    @Test
    void questionsAndTheirReferences() {
        Finding undeclared = only(BASE.replace("points: {need: 10}", "points: {nede: 10}"));
        assertTrue(undeclared.atKey(), "placed on the key");
        assertTrue(undeclared.fix().contains("did you mean 'need'?"), undeclared.fix());
        assertEquals(
                List.of("/steps/0/questions/0/options/0/points/need"),
                pointers(BASE.replace("points: {need: 10}", "points: {need: 11}")));
        Finding later = only(withQuestions(
                "{id: detail, type: text, label: {en: D, de: D}, show-if: {question: budget, answered: true}}",
                "{id: budget, type: text, label: {en: B, de: B}}"));
        assertEquals("/steps/0/questions/0/show-if/question", later.pointer());
        assertTrue(later.message().contains("is asked later"), later.message());
        assertEquals(
                List.of("/steps/0/questions/1/id"),
                pointers(withQuestions(
                        "{id: budget, type: text, label: {en: B, de: B}}",
                        "{id: budget, type: text, label: {en: B, de: B}}")));
        assertEquals(
                List.of("/steps/0/questions/0"),
                pointers(withQuestions("{id: stars, type: rating, label: {en: S, de: S}}")));
        assertEquals(
                List.of("/steps/0/questions/0/type"),
                pointers(withQuestions("{id: agree, type: consent, label: {en: I agree, de: Ja}}")));
    }

    /** The base form with these questions (YAML flow maps) before its email question. */
    private static String withQuestions(String... questions) {
        StringBuilder block = new StringBuilder();
        for (String question : questions) {
            block.append("      - ").append(question).append('\n');
        }
        String email = "      - {id: email, type: email, label: {en: Email, de: E-Mail}, required: true}\n";
        String start = "    questions:\n";
        int from = BASE.indexOf(start) + start.length();
        return BASE.substring(0, from) + block + email + BASE.substring(BASE.indexOf(email) + email.length());
    }

    @Test
    void everyTextIsInEveryLanguage() {
        Finding missing = only(BASE.replace("title: {en: Checked, de: Geprüft}", "title: {en: Checked}"));
        assertEquals("/title", missing.pointer());
        assertTrue(missing.message().contains("the de text is missing"), missing.message());
    }

    @Test
    void feedbackReasonsNeedTheirOwnCodeAndATextInEveryLanguage() {
        assertEquals(List.of("/feedback-reasons/1/label", "/feedback-reasons/2/code"), pointers(BASE + """
                        feedback-reasons:
                          - {code: no-budget, label: {en: No budget, de: Kein Budget}}
                          - {code: student, label: {en: Student}}
                          - {code: no-budget, label: {en: Broke, de: Pleite}}
                        """));
        assertEquals(List.of(), pointers(BASE));
    }
}
