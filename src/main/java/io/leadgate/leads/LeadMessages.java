package io.leadgate.leads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.common.Html;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.common.Translations;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.WebhookKind;
import io.leadgate.scoring.Score;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders what a verdict sends, at the moment it is decided: the sales alert email (html and text from one set of
 * facts) and the webhook and chat bodies. The outbox stores the result, so a later send needs nothing else.
 */
@ApplicationScoped
public class LeadMessages {

    /** Version of the webhook payload's {@code data} shape; bump on any breaking change. */
    public static final String PAYLOAD_VERSION = "2026-11-01";

    private static final Pattern CONTROLS = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alertHtml(SalesAlert alert);

        static native TemplateInstance alertText(SalesAlert alert);

        static native TemplateInstance verifyHtml(String formTitle, String link, String until);

        static native TemplateInstance verifyText(String formTitle, String link, String until);
    }

    private final LeadgateConfig config;
    private final ObjectMapper json;
    private final FeedbackLinks feedbackLinks;

    LeadMessages(LeadgateConfig config, ObjectMapper json) {
        this(config, json, null);
    }

    @jakarta.inject.Inject
    LeadMessages(LeadgateConfig config, ObjectMapper json, FeedbackLinks feedbackLinks) {
        this.config = config;
        this.json = json;
        this.feedbackLinks = feedbackLinks;
    }

    /**
     * The alert with one-click feedback links that record {@code recordedBy} as who said it: the rep the alert names,
     * or else whoever it went to.
     */
    private SalesAlert withFeedback(SalesAlert alert, String recordedBy) {
        // An unproven repeat may be anyone typing the lead's address: one click on it must not overturn what sales
        // said of the lead itself, so its alert carries no links (the lead page still takes feedback).
        if (feedbackLinks == null || alert.unverifiedRepeat()) {
            return alert;
        }
        return alert.withFeedback(feedbackLinks.forAlert(
                alert.accepted().lead(), alert.accepted().definition(), recordedBy, Instant.now()));
    }

    /** The alert sales reads about an accepted submission, linking to the lead in the back office. */
    SalesAlert alert(AcceptedSubmission accepted) {
        return new SalesAlert(accepted, leadUrl(accepted.lead()));
    }

    /**
     * The Standard Webhooks body of a lead event: {@code type}, {@code timestamp} and {@code data} with the payload
     * version, the lead and the form; the caller adds the event's own object to {@code data}.
     */
    ObjectNode eventBody(String type, Instant at, Lead lead, ValidForm form) {
        ObjectNode body = json.createObjectNode();
        body.put("type", type);
        body.put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = body.putObject("data");
        data.put("version", PAYLOAD_VERSION);
        data.putObject("lead")
                .put("id", lead.publicId)
                .put("email", lead.email)
                .put("name", lead.name)
                .put("url", leadUrl(lead));
        data.putObject("form")
                .put("id", form.id())
                .put("version", form.version())
                .put("title", form.definition().title().in(form.definition().defaultLanguage()));
        return body;
    }

    String leadUrl(Lead lead) {
        return config.baseUrl() + "/admin/leads/" + lead.publicId;
    }

    /** The email that asks a prospect to confirm their address; {@code token} is the link's only credential. */
    EmailMessage verificationEmail(ValidForm form, String email, String language, String token, Instant until) {
        Locale locale = Translations.locale(language);
        String title = form.definition().title().in(language);
        String link = config.baseUrl() + "/v/" + token;
        String expires = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .withZone(ZoneOffset.UTC)
                        .format(until)
                + " UTC";
        VerifyMessages text = Translations.bundle(VerifyMessages.class, language);
        return new EmailMessage(
                List.of(email),
                null,
                text.subject(),
                Templates.verifyText(title, link, expires).setLocale(locale).render(),
                Templates.verifyHtml(title, link, expires).setLocale(locale).render());
    }

    /** Tells sales that a nurtured lead whose answers cannot qualify asked to talk all the same. */
    EmailMessage contactRequestEmail(Lead lead, ValidForm form, List<String> recipients) {
        String title = form.definition().title().in(form.definition().defaultLanguage());
        String who = lead.name == null ? lead.email : lead.name + " <" + lead.email + ">";
        String text = who + " asked to talk, although their answers to \"" + title + "\" do not qualify them (score "
                + lead.score + ", " + lead.verdict + ").\n\nThe lead, its answers and the reasons for its score: "
                + leadUrl(lead) + "\n";
        String html = "<p>" + Html.escape(who) + " asked to talk, although their answers to &ldquo;"
                + Html.escape(title) + "&rdquo; do not qualify them (score " + lead.score + ", "
                + Html.escape(String.valueOf(lead.verdict)) + ").</p><p><a href=\"" + Html.escape(leadUrl(lead))
                + "\">The lead, its answers and the reasons for its score</a></p>";
        return new EmailMessage(
                recipients, lead.email, headerSafe("Asked to talk: " + who + " via " + title), text, html);
    }

    EmailMessage salesEmail(SalesAlert plain, List<String> recipients) {
        SalesAlert alert = withFeedback(
                plain,
                plain.rep() != null && recipients.contains(plain.rep().email())
                        ? plain.rep().email()
                        : "the sales list");
        String subject = alert.headline() + " (score " + alert.score()
                + (alert.grade() != null ? ", " + alert.grade() : "") + ") via " + alert.formTitle();
        return new EmailMessage(
                recipients,
                alert.email(),
                headerSafe(subject),
                Templates.alertText(alert).render(),
                Templates.alertHtml(alert).render());
    }

    /** The Standard Webhooks body: {@code type}, {@code timestamp} and the versioned {@code data}. */
    String webhookBody(SalesAlert alert) {
        AcceptedSubmission accepted = alert.accepted();
        Lead lead = accepted.lead();
        Submission submission = accepted.submission();
        Score score = accepted.score();
        ObjectNode body = json.createObjectNode();
        body.put("type", alert.eventType());
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = body.putObject("data");
        data.put("version", PAYLOAD_VERSION);
        ObjectNode leadNode = data.putObject("lead");
        leadNode.put("id", lead.publicId);
        leadNode.put("email", lead.email);
        leadNode.put("name", lead.name);
        leadNode.put("url", alert.leadUrl());
        ObjectNode formNode = data.putObject("form");
        formNode.put("id", alert.formId());
        formNode.put("version", alert.formVersion());
        formNode.put("title", alert.formTitle());
        ObjectNode submissionNode = data.putObject("submission");
        submissionNode.put("id", submission.publicId);
        submissionNode.put("submitted_at", submission.submittedAt.toString());
        submissionNode.put("language", submission.language);
        submissionNode.set("answers", json.valueToTree(accepted.answers()));
        submissionNode.set("hidden", json.valueToTree(accepted.hidden()));
        submissionNode.put("referrer", submission.referrer);
        submissionNode.put("trust", accepted.trust().key());
        if (submission.experimentId != null) {
            submissionNode
                    .putObject("experiment")
                    .put("id", submission.experimentId)
                    .put("variant", submission.variant);
        }
        ObjectNode scoreNode = data.putObject("score");
        scoreNode.put("total", score.total());
        scoreNode.put("grade", score.grade());
        scoreNode.put("verdict", score.verdict().key());
        scoreNode.set("knockouts", json.valueToTree(score.knockouts()));
        ArrayNode dimensions = scoreNode.putArray("dimensions");
        score.dimensions()
                .forEach(d -> dimensions
                        .addObject()
                        .put("dimension", d.dimension())
                        .put("earned", d.earned())
                        .put("max", d.max())
                        .put("weight", d.weight()));
        ArrayNode ledger = scoreNode.putArray("ledger");
        score.ledger()
                .forEach(l -> ledger.addObject()
                        .put("question", l.question())
                        .put("answer", l.answer())
                        .put("dimension", l.dimension())
                        .put("points", l.points())
                        .put("counted", l.counted())
                        .put("reason", l.reason()));
        ObjectNode assignment = data.putObject("assignment");
        if (alert.rep() != null) {
            assignment
                    .putObject("rep")
                    .put("email", alert.rep().email())
                    .put("name", alert.rep().name());
        } else {
            assignment.putNull("rep");
        }
        return body.toString();
    }

    /**
     * A short message for a Slack or Teams incoming webhook: the key facts and the link. Prospects' words stay words:
     * Slack reads {@code & < >} as markup, Teams reads Markdown, so each gets its own escaping.
     */
    String chatBody(WebhookKind kind, SalesAlert plain) {
        boolean teams = kind == WebhookKind.TEAMS;
        java.util.function.UnaryOperator<String> safe = teams ? LeadMessages::teamsSafe : LeadMessages::chatSafe;
        SalesAlert alert = withFeedback(
                plain, plain.rep() != null ? plain.rep().email() : kind.name().toLowerCase(Locale.ROOT) + " channel");
        StringBuilder feedback = new StringBuilder();
        for (FeedbackLinks.Link link : alert.feedback()) {
            feedback.append(feedback.isEmpty() ? String.format("%nYour verdict: ") : " · ")
                    .append(
                            teams
                                    ? "[" + safe.apply(link.label()) + "](" + link.url() + ")"
                                    : "<" + link.url() + "|" + safe.apply(link.label()) + ">");
        }
        String text = String.format(
                teams
                        ? "**%s** (score %d%s) via %s%s%n[Open the lead in Leadgate](%s)"
                        : "*%s* (score %d%s) via %s%s%n<%s|Open the lead in Leadgate>",
                safe.apply(alert.headline()),
                alert.score(),
                alert.grade() != null ? ", grade " + alert.grade() : "",
                safe.apply(alert.formTitle()),
                alert.rep() != null ? ", assigned to " + safe.apply(alert.rep().name()) : "",
                alert.leadUrl());
        return json.createObjectNode().put("text", text + feedback).toString();
    }

    /** Header values never carry line breaks or other control characters, whatever a prospect typed. */
    static String headerSafe(String value) {
        String flat = SPACES.matcher(CONTROLS.matcher(value).replaceAll(" "))
                .replaceAll(" ")
                .strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }

    /** Slack and Teams read {@code & < >} as markup; prospects' words must stay words. */
    static String chatSafe(String value) {
        return value == null
                ? ""
                : headerSafe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Teams reads Markdown: every character that could start a link, emphasis or code is escaped as well. */
    static String teamsSafe(String value) {
        StringBuilder safe = new StringBuilder();
        for (char c : chatSafe(value).toCharArray()) {
            if ("\\`*_{}[]()#+-!|~".indexOf(c) >= 0) {
                safe.append('\\');
            }
            safe.append(c);
        }
        return safe.toString();
    }
}
