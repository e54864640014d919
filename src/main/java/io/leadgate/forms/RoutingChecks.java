package io.leadgate.forms;

import io.leadgate.forms.definition.Assignment;
import io.leadgate.forms.definition.AssignmentRule;
import io.leadgate.forms.definition.Link;
import io.leadgate.forms.definition.NurtureBand;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Route;
import io.leadgate.forms.definition.ThankYou;
import io.leadgate.forms.definition.VerdictRule;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;
import io.leadgate.forms.definition.WorkingHours;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Where each verdict leads: thresholds and grades, thank-you pages, sales addresses, webhooks, rep assignment and nurture bands. */
final class RoutingChecks extends FormCheck {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final UrlChecks urls = new UrlChecks(this);
    private final ConditionChecks conditions = new ConditionChecks(this);

    RoutingChecks(FormCheck shared) {
        super(shared);
    }

    void checkGrades() {
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

    void checkVerdicts() {
        VerdictRule qualified = form.verdicts().qualified();
        VerdictRule nurture = form.verdicts().nurture();
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
                form.verdicts().disqualified().thankYou());
    }

    void thankYou(String pointer, ThankYou thankYou) {
        if (thankYou == null) {
            return;
        }
        text(pointer + "/title", thankYou.title());
        text(pointer + "/message", thankYou.message());
        Link link = thankYou.link();
        if (link != null) {
            urls.url(pointer + "/link/url", link.url(), false);
            text(pointer + "/link/label", link.label());
        }
    }

    void checkRouting() {
        String pointer = "/routing/qualified";
        var route = form.routing().qualified();
        for (int i = 0; i < route.email().size(); i++) {
            email(pointer + "/email/" + i, route.email().get(i));
        }
        Set<String> webhookIds = new HashSet<>();
        for (int i = 0; i < route.webhooks().size(); i++) {
            Webhook webhook = route.webhooks().get(i);
            webhook(pointer + "/webhooks/" + i, webhook);
            if (webhook.id() == null && route.webhooks().size() > 1) {
                problem(
                        pointer + "/webhooks/" + i,
                        "with more than one webhook, each needs an id",
                        "add 'id: crm' (any short name): messages waiting for one webhook then never go to another"
                                + " when webhooks are added or reordered.");
            } else if (!webhookIds.add(webhook.endpointId())) {
                problem(
                        pointer + "/webhooks/" + i + "/id",
                        "the webhook id '" + webhook.endpointId() + "' is used twice",
                        "give each webhook its own id.");
            }
        }
        Assignment assignment = route.assignment();
        if (assignment != null) {
            Set<String> reps = new HashSet<>();
            for (int i = 0; i < assignment.reps().size(); i++) {
                Rep rep = assignment.reps().get(i);
                email(pointer + "/assignment/reps/" + i + "/email", rep.email());
                if (rep.bookingUrl() != null) {
                    for (String wrong : BookingLinks.problems(rep.bookingUrl(), allowInsecureUrls)) {
                        problem(
                                pointer + "/assignment/reps/" + i + "/booking-url",
                                wrong,
                                "use a full https address of the rep's booking page; after the host it may use {name},"
                                        + " {first-name}, {last-name}, {email} and {company}.");
                    }
                }
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
                conditions.condition(pointer + "/assignment/rules/" + r + "/if", rule.condition(), allQuestions());
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
        followUp(pointer, route);
        if (route.email().isEmpty() && route.webhooks().isEmpty() && assignment == null) {
            problem(
                    "/routing",
                    "qualified leads are not routed anywhere",
                    "add 'routing: {qualified: {email: [sales@your-company.com]}}'.");
        }
    }

    /** A follow-up deadline needs reps to move leads between, a length, and working hours that exist. */
    private void followUp(String pointer, Route route) {
        if (route.followUp() != null) {
            if (route.followUp().isZero()) {
                problem(pointer + "/follow-up", "a follow-up deadline of zero", "give reps time, e.g. PT15M.");
            }
            if (route.assignment() == null) {
                problem(
                        pointer + "/follow-up",
                        "a follow-up deadline moves leads between reps, but there is no assignment",
                        "add 'assignment: {reps: [...]}' with at least two reps, or remove follow-up.");
            }
        }
        WorkingHours hours = route.workingHours();
        if (hours == null) {
            return;
        }
        try {
            ZoneId.of(hours.timeZone());
        } catch (DateTimeException e) {
            problem(
                    pointer + "/working-hours/time-zone",
                    "'" + hours.timeZone() + "' is not a time zone",
                    "use an IANA name like Europe/Berlin, America/New_York or UTC.");
        }
        if (hours.from() != null
                && hours.until() != null
                && !LocalTime.parse(hours.from()).isBefore(LocalTime.parse(hours.until()))) {
            problem(
                    pointer + "/working-hours/until",
                    "the working hours end before they begin",
                    "make 'until' later than 'from' (hours past midnight are not supported).");
        }
    }

    void webhook(String pointer, Webhook webhook) {
        urls.url(pointer + "/url", webhook.url(), false);
        conditions.condition(pointer + "/if", webhook.condition(), allQuestions());
        if (webhook.kind() == WebhookKind.STANDARD) {
            if (webhook.secret() == null) {
                problem(
                        pointer,
                        "a webhook needs a signing secret",
                        "add 'secret: \"${LEADGATE_SECRET_SALES_WEBHOOK}\"' and set that "
                                + "environment variable to whsec_ followed by base64 of 24+ random bytes.");
            } else {
                urls.secret(pointer + "/secret", webhook.secret());
            }
            if (webhook.previousSecret() != null) {
                urls.secret(pointer + "/previous-secret", webhook.previousSecret());
            }
        } else if (webhook.secret() != null || webhook.previousSecret() != null) {
            problem(
                    pointer + "/secret",
                    webhook.kind().name().toLowerCase() + " webhooks are not signed",
                    "remove the secret; keep the webhook URL itself secret.");
        }
    }

    void email(String pointer, String address) {
        if (!EMAIL.matcher(address).matches() || address.chars().anyMatch(c -> c < 0x20)) {
            problem(pointer, "'" + address + "' is not an email address", "write it like sales@example.com.");
        }
    }

    void checkNurture() {
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
}
