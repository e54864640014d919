package io.leadgate.forms;

import io.leadgate.forms.definition.Assignment;
import io.leadgate.forms.definition.AssignmentRule;
import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Link;
import io.leadgate.forms.definition.NumberRange;
import io.leadgate.forms.definition.NurtureBand;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Outcome;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Text;
import io.leadgate.forms.definition.ThankYou;
import io.leadgate.forms.definition.Theme;
import io.leadgate.forms.definition.Validation;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks what the JSON Schema cannot: references between questions, points against dimensions, thresholds,
 * URLs, secrets, colour contrast and texts in every declared language.
 */
final class FormValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final double MIN_CONTRAST = 4.5;
    private static final int MIN_SECRET_BYTES = 24;

    private final FormDefinition form;
    private final String expectedId;
    private final boolean allowInsecureUrls;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Question> earlierQuestions = new LinkedHashMap<>();

    private FormValidator(FormDefinition form, String expectedId, boolean allowInsecureUrls) {
        this.form = form;
        this.expectedId = expectedId;
        this.allowInsecureUrls = allowInsecureUrls;
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
        checkTheme();
        form.dimensions().forEach((name, dimension) -> text("/dimensions/" + name + "/label", dimension.label()));
        checkGrades();
        form.knockouts().forEach((code, text) -> text("/knockouts/" + code, text));
        checkSteps();
        checkEmailQuestion();
        checkOutcomes();
        checkRouting();
        checkNurture();
        checkEmbed();
    }

    private void checkTheme() {
        Theme theme = form.theme();
        double textContrast = contrast(theme.textColor(), theme.backgroundColor());
        if (textContrast < MIN_CONTRAST) {
            problem(
                    "/theme/text-color",
                    String.format(
                            "text on the background has a contrast of %.1f:1, below the 4.5:1 "
                                    + "that WCAG AA requires",
                            textContrast),
                    "darken the text colour or lighten the background.");
        }
        double buttonContrast = contrast("#ffffff", theme.primaryColor());
        if (buttonContrast < MIN_CONTRAST) {
            problem(
                    "/theme/primary-color",
                    String.format(
                            "white button text on the primary colour has a contrast of " + "%.1f:1, below 4.5:1",
                            buttonContrast),
                    "pick a darker primary colour.");
        }
        if (theme.logo() != null) {
            url("/theme/logo", theme.logo(), true);
            if (theme.logoAlt() == null) {
                problem(
                        "/theme",
                        "the logo has no 'logo-alt' text for screen readers",
                        "add 'logo-alt: Company name'.");
            }
        }
        text("/theme/logo-alt", theme.logoAlt());
    }

    private void checkGrades() {
        Integer a = form.grades().get("A");
        Integer b = form.grades().get("B");
        Integer c = form.grades().get("C");
        if ((a != null && b != null && a <= b)
                || (b != null && c != null && b <= c)
                || (a != null && c != null && a <= c)) {
            problem(
                    "/grades",
                    "grade thresholds must fall from A to C",
                    "give A the highest minimum score, then B, then C.");
        }
    }

    private void checkSteps() {
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

    private void question(String pointer, Question question, Map<String, Question> earlierInStep) {
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
        condition(pointer + "/show-if", question.showIf(), visible);
    }

    private void ranges(String pointer, Question question) {
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

    private static double lower(NumberRange range) {
        return range.min() == null ? Double.NEGATIVE_INFINITY : range.min();
    }

    private static double upper(NumberRange range) {
        return range.max() == null ? Double.POSITIVE_INFINITY : range.max();
    }

    private void validation(String pointer, Question question) {
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

    private void points(String pointer, Map<String, Integer> points) {
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

    private Dimension dimension(String pointer, String name) {
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

    private void knockout(String pointer, String code) {
        if (code != null && !form.knockouts().containsKey(code)) {
            problem(
                    pointer,
                    "the knockout reason '" + code + "' is not declared",
                    "add it under 'knockouts:' with a sentence that tells sales why, e.g. '" + code + ": ...'.");
        }
    }

    private void condition(String pointer, Condition condition) {
        condition(pointer, condition, earlierQuestions);
    }

    private void condition(String pointer, Condition condition, Map<String, Question> visible) {
        if (condition == null) {
            return;
        }
        int combinators = (condition.all() != null ? 1 : 0)
                + (condition.any() != null ? 1 : 0)
                + (condition.not() != null ? 1 : 0);
        int comparisons = (condition.equalTo() != null ? 1 : 0)
                + (condition.anyOf() != null ? 1 : 0)
                + (condition.notIn() != null ? 1 : 0)
                + (condition.answered() != null ? 1 : 0)
                + (condition.min() != null || condition.max() != null ? 1 : 0);
        if (combinators > 0) {
            if (combinators > 1 || comparisons > 0 || condition.question() != null) {
                problem(
                        pointer,
                        "a condition with all, any or not cannot hold anything else",
                        "nest the other tests inside 'all: [...]'.");
            }
            each(pointer + "/all", condition.all(), visible);
            each(pointer + "/any", condition.any(), visible);
            condition(pointer + "/not", condition.not(), visible);
            return;
        }
        if (condition.question() == null) {
            problem(
                    pointer,
                    "a condition needs 'question:'",
                    "name the earlier question to test, e.g. {question: budget, equals: over-20k}.");
            return;
        }
        if (comparisons != 1) {
            problem(
                    pointer,
                    "a condition tests one thing",
                    "use exactly one of equals, in, not-in, answered, or min/max.");
        }
        Question question = visible.get(condition.question());
        if (question == null) {
            boolean exists = form.question(condition.question()).isPresent();
            String suggestion = Suggestions.closest(condition.question(), visible.keySet());
            problem(
                    pointer + "/question",
                    exists
                            ? "'" + condition.question() + "' is asked later; a condition can only test earlier answers"
                            : "there is no question '" + condition.question() + "'",
                    exists
                            ? "move the question before this one."
                            : (suggestion != null ? "did you mean '" + suggestion + "'? " : "") + "use one of: "
                                    + String.join(", ", visible.keySet()) + ".");
            return;
        }
        if (question.type().hasOptions()) {
            List<String> values = question.options().stream().map(Option::value).toList();
            List<String> tested = new ArrayList<>();
            if (condition.equalTo() != null) {
                tested.add(condition.equalTo());
            }
            if (condition.anyOf() != null) {
                tested.addAll(condition.anyOf());
            }
            if (condition.notIn() != null) {
                tested.addAll(condition.notIn());
            }
            for (String value : tested) {
                if (!values.contains(value)) {
                    problem(
                            pointer,
                            "'" + question.id() + "' has no option '" + value + "'",
                            "use one of: " + String.join(", ", values) + ".");
                }
            }
        }
        if ((condition.min() != null || condition.max() != null)
                && !question.type().isNumeric()) {
            problem(
                    pointer,
                    "min and max only test number and rating answers",
                    "use equals or in for '" + question.id() + "'.");
        }
    }

    private void each(String pointer, List<Condition> conditions, Map<String, Question> visible) {
        if (conditions != null) {
            for (int i = 0; i < conditions.size(); i++) {
                condition(pointer + "/" + i, conditions.get(i), visible);
            }
        }
    }

    private void checkEmailQuestion() {
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

    private void checkOutcomes() {
        Outcome qualified = form.outcomes().qualified();
        Outcome nurture = form.outcomes().nurture();
        if (qualified.min() <= nurture.min()) {
            problem(
                    "/outcomes/qualified/min",
                    "the qualified threshold " + qualified.min() + " must be above the nurture threshold "
                            + nurture.min(),
                    "raise qualified.min or lower nurture.min.");
        }
        thankYou("/outcomes/qualified/thank-you", qualified.thankYou());
        thankYou("/outcomes/nurture/thank-you", nurture.thankYou());
        thankYou(
                "/outcomes/disqualified/thank-you",
                form.outcomes().disqualified().thankYou());
    }

    private void thankYou(String pointer, ThankYou thankYou) {
        if (thankYou == null) {
            return;
        }
        text(pointer + "/title", thankYou.title());
        text(pointer + "/message", thankYou.message());
        Link link = thankYou.link();
        if (link != null) {
            url(pointer + "/link/url", link.url(), false);
            text(pointer + "/link/label", link.label());
        }
    }

    private void checkRouting() {
        String pointer = "/routing/qualified";
        var route = form.routing().qualified();
        for (int i = 0; i < route.email().size(); i++) {
            email(pointer + "/email/" + i, route.email().get(i));
        }
        for (int i = 0; i < route.webhooks().size(); i++) {
            webhook(pointer + "/webhooks/" + i, route.webhooks().get(i));
        }
        Assignment assignment = route.assignment();
        if (assignment != null) {
            Set<String> reps = new HashSet<>();
            for (int i = 0; i < assignment.reps().size(); i++) {
                Rep rep = assignment.reps().get(i);
                email(pointer + "/assignment/reps/" + i + "/email", rep.email());
                if (!reps.add(rep.email().toLowerCase())) {
                    problem(
                            pointer + "/assignment/reps/" + i + "/email",
                            "the rep " + rep.email() + " is listed twice",
                            "list each rep once.");
                }
            }
            if (assignment.reps().stream().allMatch(Rep::away)) {
                problem(
                        pointer + "/assignment/reps",
                        "every rep is marked away, so nobody would get qualified leads",
                        "set 'away: false' on at least one rep.");
            }
            for (int r = 0; r < assignment.rules().size(); r++) {
                AssignmentRule rule = assignment.rules().get(r);
                condition(pointer + "/assignment/rules/" + r + "/if", rule.condition(), allQuestions());
                for (int i = 0; i < rule.reps().size(); i++) {
                    if (!reps.contains(rule.reps().get(i).toLowerCase())) {
                        problem(
                                pointer + "/assignment/rules/" + r + "/reps/" + i,
                                "'" + rule.reps().get(i) + "' is not among the reps",
                                "add the rep under 'reps:' or fix the address.");
                    }
                }
            }
        }
        if (route.email().isEmpty() && route.webhooks().isEmpty() && assignment == null) {
            problem(
                    "/routing",
                    "qualified leads are not routed anywhere",
                    "add 'routing: {qualified: {email: [sales@your-company.com]}}'.");
        }
    }

    private void webhook(String pointer, Webhook webhook) {
        url(pointer + "/url", webhook.url(), false);
        condition(pointer + "/if", webhook.condition(), allQuestions());
        if (webhook.kind() == WebhookKind.STANDARD) {
            if (webhook.secret() == null) {
                problem(
                        pointer,
                        "a webhook needs a signing secret",
                        "add 'secret: \"${SALES_WEBHOOK_SECRET}\"' and set that "
                                + "environment variable to whsec_ followed by base64 of 24+ random bytes.");
            } else {
                secret(pointer + "/secret", webhook.secret());
            }
            if (webhook.previousSecret() != null) {
                secret(pointer + "/previous-secret", webhook.previousSecret());
            }
        } else if (webhook.secret() != null || webhook.previousSecret() != null) {
            problem(
                    pointer + "/secret",
                    webhook.kind().name().toLowerCase() + " webhooks are not signed",
                    "remove the secret; keep the webhook URL itself secret.");
        }
    }

    private void secret(String pointer, String secret) {
        boolean valid = false;
        if (secret.startsWith("whsec_")) {
            try {
                valid = Base64.getDecoder().decode(secret.substring("whsec_".length())).length >= MIN_SECRET_BYTES;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            problem(
                    pointer,
                    "the webhook secret is not a valid signing secret",
                    "use whsec_ followed by base64 of at least 24 random bytes, e.g. from: echo whsec_$(openssl rand -base64 32).");
        }
    }

    private void checkNurture() {
        List<NurtureBand> bands = form.nurture().bands();
        if (form.nurture().sequence() != null && !bands.isEmpty()) {
            problem(
                    "/nurture",
                    "use either 'sequence' or 'bands', not both",
                    "move the sequence into a last band without min-score.");
        }
        Integer previous = null;
        for (int i = 0; i < bands.size(); i++) {
            NurtureBand band = bands.get(i);
            boolean last = i == bands.size() - 1;
            if (band.minScore() == null && !last) {
                problem(
                        "/nurture/bands/" + i,
                        "only the last band may leave out min-score",
                        "add 'min-score:' or move this band last.");
            }
            if (band.minScore() != null && previous != null && band.minScore() >= previous) {
                problem(
                        "/nurture/bands/" + i + "/min-score",
                        "bands must be ordered from the highest min-score down",
                        "reorder the bands.");
            }
            previous = band.minScore();
        }
    }

    private void checkEmbed() {
        List<String> origins = form.embed().allowedOrigins();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            URI uri = parse(origin);
            boolean valid = uri != null
                    && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null
                    && uri.getFragment() == null
                    && uri.getUserInfo() == null
                    && ("https".equals(uri.getScheme())
                            || ("http".equals(uri.getScheme()) && (allowInsecureUrls || isLocal(uri))));
            if (!valid) {
                problem(
                        "/embed/allowed-origins/" + i,
                        "'" + origin + "' is not an origin",
                        "write scheme and host only, like https://www.example.com (no path, no trailing slash).");
            }
        }
    }

    private void url(String pointer, String value, boolean allowRelative) {
        if (allowRelative && value.startsWith("/") && !value.startsWith("//")) {
            return;
        }
        URI uri = parse(value);
        boolean https = uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null;
        boolean http = uri != null && "http".equals(uri.getScheme()) && uri.getHost() != null;
        if (!https && !(http && (allowInsecureUrls || isLocal(uri)))) {
            problem(pointer, "'" + value + "' is not an https URL", "use a full address starting with https://.");
        }
    }

    private static boolean isLocal(URI uri) {
        return "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (Exception e) {
            return null;
        }
    }

    private void email(String pointer, String address) {
        if (!EMAIL.matcher(address).matches() || address.chars().anyMatch(c -> c < 0x20)) {
            problem(pointer, "'" + address + "' is not an email address", "write it like sales@example.com.");
        }
    }

    private void text(String pointer, Text text) {
        if (text == null) {
            return;
        }
        Set<String> written = text.languages();
        if (written.isEmpty()) {
            return;
        }
        for (String language : written) {
            if (!form.languages().contains(language)) {
                findings.add(Finding.atKey(
                        pointer + "/" + language,
                        "'" + language + "' is not among the form's languages " + form.languages(),
                        "add it to 'languages:' or remove this translation."));
            }
        }
        for (String language : form.languages()) {
            if (!written.contains(language)) {
                problem(pointer, "the " + language + " text is missing", "add '" + language + ": ...' to this text.");
            }
        }
    }

    private Map<String, Question> allQuestions() {
        Map<String, Question> all = new HashMap<>();
        form.questions().forEach(q -> all.put(q.id(), q));
        return all;
    }

    private void problem(String pointer, String message, String fix) {
        findings.add(Finding.at(pointer, message, fix));
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
