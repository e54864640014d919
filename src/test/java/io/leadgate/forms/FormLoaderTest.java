package io.leadgate.forms;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken form file is reported with file, line and column and a fix; a valid one gets its version. */
class FormLoaderTest {

    static final String VALID = """
            id: tiny
            title: Tiny form
            dimensions:
              need: {max: 50}
              timeframe: {max: 50}
            knockouts:
              no-plans: Not buying.
            steps:
              - id: one
                questions:
                  - id: timeframe
                    type: single
                    label: When?
                    required: true
                    options:
                      - {value: now, label: Now, points: {timeframe: 50}}
                      - {value: never, label: Never, knockout: no-plans}
                  - id: details
                    type: text
                    label: Details
                    show-if: {question: timeframe, equals: now}
                  - {id: email, type: email, label: Email, required: true}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing:
              qualified:
                email: [sales@example.com]
                webhooks: [{url: "https://crm.example.com/hook", secret: "${LEADGATE_SECRET_HOOK}"}]
            """;

    private final FormLoader loader = new FormLoader(
            new SecretReferences(
                    SecretReferences.DEFAULT_PREFIX,
                    Set.of(),
                    name -> Optional.ofNullable(Map.of(
                                    "LEADGATE_SECRET_HOOK", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                    "LEADGATE_SECRET_INTERNAL_URL", "http://10.1.2.3/very-secret-path",
                                    "LEADGATE_SECRET_ADMIN_PASSWORD", "hunter2-admin-password")
                            .get(name))),
            false);

    private LoadedForm load(String yaml) {
        return loader.load("tiny", "forms/tiny.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private List<FormProblem> problems(String yaml) {
        return assertInstanceOf(BrokenForm.class, load(yaml)).problems();
    }

    private FormProblem only(String yaml) {
        List<FormProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst();
    }

    @Test
    void aValidFormIsVersionedByItsContentHash() {
        ValidForm form = assertInstanceOf(ValidForm.class, load(VALID));
        assertEquals(form.contentHash().substring(0, 12), form.version());
        ValidForm changed = assertInstanceOf(ValidForm.class, load(VALID.replace("Tiny form", "Tiny form 2")));
        assertNotEquals(form.version(), changed.version());
    }

    @Test
    void aDeclaredVersionWins() {
        ValidForm form = assertInstanceOf(ValidForm.class, load("version: 2026-11\n" + VALID));
        assertEquals("2026-11", form.version());
    }

    @Test
    void yamlSyntaxErrorsPointAtTheirPlace() {
        FormProblem problem = only(VALID.replace("title: Tiny form", "title: [Tiny form"));
        assertEquals("forms/tiny.yaml", problem.file());
        assertTrue(problem.line() >= 2, problem.toString());
        assertTrue(problem.message().startsWith("invalid YAML"), problem.toString());
    }

    @Test
    void anUnknownFieldIsPlacedOnItsKeyWithASuggestion() {
        FormProblem problem = only(VALID.replace("    label: When?", "    lable: When?"));
        assertEquals(13, problem.line(), problem.toString());
        assertEquals(9, problem.column(), problem.toString());
        assertTrue(problem.message().contains("unknown field 'lable'"), problem.toString());
        assertTrue(problem.fix().contains("did you mean 'label'"), problem.toString());
    }

    @Test
    void aConditionOnAMissingQuestionNamesTheQuestionsThatExist() {
        FormProblem problem = only(VALID.replace("show-if: {question: timeframe", "show-if: {question: timefrme"));
        assertEquals(21, problem.line(), problem.toString());
        assertTrue(problem.message().contains("no question 'timefrme'"), problem.toString());
        assertTrue(problem.fix().contains("did you mean 'timeframe'"), problem.toString());
    }

    @Test
    void aConditionOnALaterQuestionIsRefused() {
        String yaml = VALID.replace(
                "show-if: {question: timeframe, equals: now}", "show-if: {question: email, answered: true}");
        assertTrue(only(yaml).message().contains("asked later"));
    }

    @Test
    void pointsOnAnUndeclaredDimensionAreRefused() {
        FormProblem problem = only(VALID.replace("points: {timeframe: 50}", "points: {budget: 50}"));
        assertEquals(16, problem.line(), problem.toString());
        assertTrue(problem.message().contains("'budget' is not a declared dimension"), problem.toString());
    }

    @Test
    void pointsAboveTheDimensionsMaximumAreRefused() {
        assertTrue(only(VALID.replace("points: {timeframe: 50}", "points: {timeframe: 60}"))
                .message()
                .contains("exceed"));
    }

    @Test
    void anUndeclaredKnockoutReasonIsRefused() {
        assertTrue(only(VALID.replace("knockout: no-plans", "knockout: no-money"))
                .message()
                .contains("'no-money' is not declared"));
    }

    @Test
    void duplicateQuestionIdsAreRefused() {
        assertTrue(only(VALID.replace("id: details", "id: timeframe")
                        .replace("show-if: {question: timeframe, equals: now}", "required: false"))
                .message()
                .contains("used twice"));
    }

    @Test
    void aWrongTypeIsNamed() {
        FormProblem problem = only(VALID.replace("type: text", "type: essay"));
        assertEquals(19, problem.line(), problem.toString());
        assertTrue(problem.fix().contains("single"), problem.toString());
    }

    @Test
    void anUnsetEnvironmentReferenceSaysWhatToSet() {
        FormProblem problem = only(VALID.replace("${LEADGATE_SECRET_HOOK}", "${LEADGATE_SECRET_MISSING}"));
        assertEquals(27, problem.line(), problem.toString());
        assertTrue(problem.message().contains("LEADGATE_SECRET_MISSING is not set"), problem.toString());
    }

    @Test
    void aWeakWebhookSecretIsRefused() {
        FormLoader weak = new FormLoader(
                new SecretReferences(SecretReferences.DEFAULT_PREFIX, Set.of(), name -> Optional.of("not-a-secret")),
                false);
        BrokenForm form = assertInstanceOf(
                BrokenForm.class, weak.load("tiny", "forms/tiny.yaml", VALID.getBytes(StandardCharsets.UTF_8)));
        assertTrue(form.problems().getFirst().message().contains("not a valid signing secret"));
    }

    @Test
    void plainHttpUrlsAreRefusedOutsideDevelopment() {
        assertTrue(only(VALID.replace("https://crm.example.com/hook", "http://crm.example.com/hook"))
                .message()
                .contains("not an https URL"));
    }

    @Test
    void thresholdsMustBeOrdered() {
        assertTrue(only(VALID.replace("qualified: {min: 70}", "qualified: {min: 20}"))
                .message()
                .contains("must be above"));
    }

    @Test
    void idsAndVersionsLongerThanTheirColumnsOrWithControlCharactersAreRefused() {
        // Every id and the version are stored in columns of 100 characters.
        assertInstanceOf(BrokenForm.class, load(VALID.replace("id: details", "id: " + "d".repeat(101))));
        assertInstanceOf(ValidForm.class, load(VALID.replace("id: details", "id: " + "d".repeat(100))));
        assertInstanceOf(BrokenForm.class, load("version: \"" + "v".repeat(101) + "\"\n" + VALID));
        assertInstanceOf(BrokenForm.class, load("version: \"v1\\u0007\"\n" + VALID));
        assertInstanceOf(BrokenForm.class, load("version: 1" + "0".repeat(100) + "\n" + VALID));
        assertEquals(
                "42",
                assertInstanceOf(ValidForm.class, load("version: 42\n" + VALID)).version());
        assertEquals(
                "v1",
                assertInstanceOf(ValidForm.class, load("version: v1\n" + VALID)).version());
    }

    @Test
    void anIdThatDiffersFromTheFileNameIsRefused() {
        assertTrue(only(VALID.replace("id: tiny", "id: small")).fix().contains("rename the file"));
    }

    @Test
    void aYamlAliasBombIsRefusedWithoutExpandingIt() {
        StringBuilder bomb =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
        }
        FormProblem problem = only(VALID + bomb);
        assertTrue(problem.message().contains("anchors (&a) are not supported"), problem.toString());
    }

    @Test
    void anchorsAndAliasesAreRefusedWithAClearMessage() {
        String yaml = VALID.replace("  need: {max: 50}", "  need: &same {max: 50}")
                .replace("  timeframe: {max: 50}", "  timeframe: *same");
        FormProblem problem = only(yaml);
        assertTrue(problem.message().contains("anchors (&same) are not supported"), problem.toString());
        assertEquals(4, problem.line(), problem.toString());
        problem = only(yaml.replace("&same ", ""));
        assertTrue(problem.message().contains("aliases (*same) are not supported"), problem.toString());
        assertEquals(5, problem.line(), problem.toString());
    }

    @Test
    void aDuplicateKeyIsRefusedAtItsSecondPlace() {
        FormProblem problem = only(VALID.replace("title: Tiny form", "title: Tiny form\ntitle: Again"));
        assertTrue(problem.message().contains("appears twice"), problem.toString());
        assertEquals(3, problem.line(), problem.toString());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = {'i', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28};
        FormProblem problem = assertInstanceOf(BrokenForm.class, loader.load("tiny", "forms/tiny.yaml", bytes))
                .problems()
                .getFirst();
        assertTrue(problem.message().contains("UTF-8"));
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        String yaml = VALID.replace("points: {timeframe: 50}", "points: {budget: 50}")
                .replace("knockout: no-plans", "knockout: no-money");
        assertEquals(2, problems(yaml).size());
    }

    @Test
    void problemsReadLikeCompilerErrors() {
        FormProblem problem = new FormProblem("forms/x.yaml", 3, 7, "something is wrong", "do this.");
        assertEquals("forms/x.yaml:3:7: something is wrong Fix: do this.", problem.toString());
    }

    @Test
    void formTextCanNeverPrintASecret() {
        FormProblem problem = only(VALID.replace(
                "title: Tiny form", "title: Tiny form\ndescription: \"${LEADGATE_SECRET_ADMIN_PASSWORD}\""));
        assertEquals(3, problem.line());
        assertTrue(
                problem.message().contains("only read in a webhook's url, secret and previous-secret"),
                problem.message());
        assertFalse(problem.toString().contains("hunter2"), problem.toString());
        assertTrue(only(VALID.replace("Tiny form", "Tiny ${quarkus.datasource.password}"))
                .message()
                .contains("only read in a webhook"));
    }

    @Test
    void onlyNamesTheOperatorAllowsAreRead() {
        FormProblem datasource = only(VALID.replace("${LEADGATE_SECRET_HOOK}", "${QUARKUS_DATASOURCE_PASSWORD}"));
        assertTrue(datasource.message().contains("is not a secret forms may read"), datasource.message());
        assertTrue(datasource.fix().contains("LEADGATE_SECRET_"), datasource.fix());
        FormProblem dotted = only(VALID.replace("${LEADGATE_SECRET_HOOK}", "${leadgate.access.admin-password}"));
        assertTrue(dotted.message().contains("is not a secret forms may read"), dotted.message());
        FormLoader listed = new FormLoader(
                new SecretReferences(
                        SecretReferences.DEFAULT_PREFIX,
                        Set.of("CRM_HOOK"),
                        name -> Optional.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
                false);
        assertInstanceOf(
                ValidForm.class,
                listed.load(
                        "tiny",
                        "forms/tiny.yaml",
                        VALID.replace("${LEADGATE_SECRET_HOOK}", "${CRM_HOOK}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aResolvedValueNeverAppearsInAProblem() {
        FormProblem insecure =
                only(VALID.replace("\"https://crm.example.com/hook\"", "\"${LEADGATE_SECRET_INTERNAL_URL}\""));
        assertTrue(insecure.message().contains("not an https URL"), insecure.message());
        assertFalse(insecure.toString().contains("10.1.2.3"), insecure.toString());
        assertFalse(insecure.toString().contains("very-secret-path"), insecure.toString());
    }

    @Test
    void aSecretCannotBeSplicedIntoAnAddressOfTheFormsChoosing() {
        FormProblem query = only(VALID.replace(
                "\"https://crm.example.com/hook\"", "\"https://collector.example/?k=${LEADGATE_SECRET_HOOK}\""));
        assertTrue(query.message().contains("may only start with one ${NAME}"), query.message());
        FormProblem host = only(VALID.replace(
                "\"https://crm.example.com/hook\"", "\"${LEADGATE_SECRET_INTERNAL_URL}.collector.example/x\""));
        assertTrue(host.message().contains("may only start with one ${NAME}"), host.message());
        FormProblem secret = only(VALID.replace("\"${LEADGATE_SECRET_HOOK}\"", "\"x${LEADGATE_SECRET_HOOK}\""));
        assertTrue(secret.message().contains("exactly one ${NAME}"), secret.message());
    }

    @Test
    void aKnockoutMayRouteToNurtureButNamesASequenceOnlyThen() {
        ValidForm routed = assertInstanceOf(
                ValidForm.class,
                load(VALID.replace("no-plans: Not buying.", "no-plans: {reason: Not buying yet., route: nurture}")));
        assertTrue(routed.definition().knockouts().get("no-plans").nurtures());
        assertEquals(
                "Not buying yet.",
                routed.definition().knockouts().get("no-plans").reason().in("en"));
        FormProblem stray = only(
                VALID.replace("no-plans: Not buying.", "no-plans: {reason: Not buying., sequence: later-nurture}"));
        assertTrue(stray.message().contains("only applies to a knockout that routes to nurture"), stray.message());
        assertInstanceOf(
                BrokenForm.class,
                load(VALID.replace("no-plans: Not buying.", "no-plans: {reason: Not buying., route: later}")),
                "a route is disqualified or nurture");
    }
}
