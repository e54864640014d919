package io.leadgate.forms;

import io.leadgate.forms.definition.FeedbackReason;
import io.leadgate.forms.definition.FormDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks what the JSON Schema cannot, concern by concern: the theme's contrast, steps and questions with their
 * conditions, where each verdict leads, and the addresses and secrets a form names; texts in every declared language.
 */
final class FormValidator extends FormCheck {

    private final String expectedId;

    private FormValidator(FormDefinition form, String expectedId, boolean allowInsecureUrls) {
        super(form, allowInsecureUrls, new ArrayList<>());
        this.expectedId = expectedId;
    }

    static List<Finding> check(FormDefinition form, String expectedId, boolean allowInsecureUrls) {
        FormValidator validator = new FormValidator(form, expectedId, allowInsecureUrls);
        validator.checkForm();
        return validator.findings;
    }

    private void checkForm() {
        if (!form.id().equals(expectedId)) {
            problem(
                    "/id",
                    "the id '" + form.id() + "' differs from the file name '" + expectedId + "'",
                    "rename the file to " + form.id() + ".yaml or set 'id: " + expectedId + "'.");
        }
        text("/title", form.title());
        text("/description", form.description());
        new ThemeChecks(this).checkTheme();
        form.dimensions().forEach((name, dimension) -> {
            text("/dimensions/" + name + "/label", dimension.label());
            if (dimension.decay() != null && dimension.decay().isZero()) {
                problem(
                        "/dimensions/" + name + "/decay",
                        "a decay of zero makes every answer worthless",
                        "use P90D or more, or remove it.");
            }
            if (dimension.halfLife() != null && dimension.halfLife().isZero()) {
                problem(
                        "/dimensions/" + name + "/half-life",
                        "a half-life of zero makes every answer worthless",
                        "use P30D or more, or remove it.");
            }
        });
        RoutingChecks routing = new RoutingChecks(this);
        routing.checkGrades();
        form.knockouts().forEach((code, knockout) -> {
            text("/knockouts/" + code, knockout.reason());
            if (knockout.sequence() != null && !knockout.nurtures()) {
                problem(
                        "/knockouts/" + code + "/sequence",
                        "a sequence only applies to a knockout that routes to nurture",
                        "add 'route: nurture' or remove the sequence.");
            }
        });
        checkFeedbackReasons();
        QuestionChecks questions = new QuestionChecks(this);
        questions.checkSteps();
        questions.checkEmailQuestion();
        routing.checkVerdicts();
        routing.checkRouting();
        routing.checkNurture();
        new UrlChecks(this).checkEmbed();
    }

    private void checkFeedbackReasons() {
        if (form.feedbackReasons() == null) {
            return;
        }
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < form.feedbackReasons().size(); i++) {
            FeedbackReason reason = form.feedbackReasons().get(i);
            String pointer = "/feedback-reasons/" + i;
            if (reason.code() != null && !codes.add(reason.code())) {
                problem(
                        pointer + "/code",
                        "the feedback reason '" + reason.code() + "' is declared twice",
                        "give each reason its own code.");
            }
            text(pointer + "/label", reason.label());
        }
    }
}
