package io.leadgate.leads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.WebhookKind;
import io.leadgate.scoring.DimensionScore;
import io.leadgate.scoring.LedgerEntry;
import io.leadgate.scoring.Score;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders what a verdict sends, at the moment it is decided: the sales alert email (html and text from one set of
 * facts) and the webhook and chat bodies. The outbox stores the result, so a later send needs nothing else.
 */
@ApplicationScoped
public class LeadMessages {

    /** Version of the webhook payload's {@code data} shape; bump on any breaking change. */
    public static final String PAYLOAD_VERSION = "2026-11-01";

    /** One answer as sales reads it. */
    public record AnswerLine(String question, String answer) {}

    /** Everything the sales alert shows. */
    public record Alert(
            String eventType,
            boolean requalified,
            String formTitle,
            String formId,
            String formVersion,
            String leadUrl,
            String email,
            String name,
            String company,
            int score,
            String grade,
            String verdict,
            Rep rep,
            List<AnswerLine> answers,
            List<LedgerEntry> ledger,
            List<DimensionScore> dimensions,
            List<AnswerLine> source) {

        public String headline() {
            return (requalified ? "Re-qualified lead" : "Qualified lead") + ": " + who();
        }

        public String who() {
            String person = name != null ? name : email;
            return company != null ? person + ", " + company : person;
        }

        public List<LedgerEntry> countedLedger() {
            return ledger.stream().filter(LedgerEntry::counted).toList();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alertHtml(Alert alert);

        static native TemplateInstance alertText(Alert alert);
    }

    private final LeadgateConfig config;
    private final ObjectMapper json;

    LeadMessages(LeadgateConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    String leadUrl(Lead lead) {
        return config.baseUrl() + "/admin/leads/" + lead.publicId;
    }

    Alert alert(
            String eventType,
            ValidForm form,
            Lead lead,
            Map<String, List<String>> answers,
            Map<String, String> hidden,
            String referrer,
            Score score,
            Optional<Rep> rep) {
        FormDefinition definition = form.definition();
        String language = definition.defaultLanguage();
        List<AnswerLine> lines = new ArrayList<>();
        definition.questions().forEach(question -> {
            List<String> given = answers.get(question.id());
            if (given != null && question.type() != QuestionType.HIDDEN && question.type() != QuestionType.CONSENT) {
                lines.add(new AnswerLine(question.label().in(language), display(question, given, language)));
            }
        });
        List<AnswerLine> source = new ArrayList<>();
        hidden.forEach((field, value) -> source.add(new AnswerLine(field, value)));
        if (referrer != null) {
            source.add(new AnswerLine("referrer", referrer));
        }
        return new Alert(
                eventType,
                "lead.requalified".equals(eventType),
                definition.title().in(language),
                form.id(),
                form.version(),
                leadUrl(lead),
                lead.email,
                lead.name,
                first(answers, "company"),
                score.total(),
                score.grade(),
                score.verdict().key(),
                rep.orElse(null),
                lines,
                score.ledger(),
                score.dimensions(),
                source);
    }

    EmailMessage salesEmail(Alert alert, List<String> recipients) {
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
    String webhookBody(
            Alert alert,
            Lead lead,
            Submission submission,
            Map<String, List<String>> answers,
            Map<String, String> hidden,
            Score score) {
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
        submissionNode.set("answers", json.valueToTree(answers));
        submissionNode.set("hidden", json.valueToTree(hidden));
        submissionNode.put("referrer", submission.referrer);
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

    /** A short message for a Slack or Teams incoming webhook: the key facts and the link. */
    String chatBody(WebhookKind kind, Alert alert) {
        String text = String.format(
                "*%s* (score %d%s) via %s%s%n<%s|Open the lead in Leadgate>",
                chatSafe(alert.headline()),
                alert.score(),
                alert.grade() != null ? ", grade " + alert.grade() : "",
                chatSafe(alert.formTitle()),
                alert.rep() != null ? ", assigned to " + chatSafe(alert.rep().name()) : "",
                alert.leadUrl());
        if (kind == WebhookKind.TEAMS) {
            text = text.replace("*", "**").replaceAll("<(\\S+)\\|([^>]+)>", "[$2]($1)");
        }
        return json.createObjectNode().put("text", text).toString();
    }

    static String display(Question question, List<String> values, String language) {
        if (!question.type().hasOptions()) {
            return String.join(", ", values);
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String value : values) {
            labels.add(question.options().stream()
                    .filter(o -> o.value().equals(value))
                    .findFirst()
                    .map(Option::label)
                    .map(label -> label.in(language))
                    .orElse(value));
        }
        return String.join(", ", labels);
    }

    private static String first(Map<String, List<String>> answers, String question) {
        List<String> values = answers.get(question);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Header values never carry line breaks or other control characters, whatever a prospect typed. */
    static String headerSafe(String value) {
        String flat =
                value.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }

    /** Slack and Teams read {@code & < >} as markup; prospects' words must stay words. */
    static String chatSafe(String value) {
        return value == null
                ? ""
                : headerSafe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
