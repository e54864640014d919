package io.leadgate.leads;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Rep;
import io.leadgate.scoring.DimensionScore;
import io.leadgate.scoring.LedgerEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sales reads about an accepted submission, in the form's default language: who, the answers as labels, the
 * score and its ledger, and the source. Email, chat and webhook bodies are all rendered from it.
 */
public record SalesAlert(AcceptedSubmission accepted, String leadUrl, List<FeedbackLinks.Link> feedback) {

    public SalesAlert(AcceptedSubmission accepted, String leadUrl) {
        this(accepted, leadUrl, List.of());
    }

    /** The same alert with the one-click feedback links of one recipient. */
    public SalesAlert withFeedback(List<FeedbackLinks.Link> links) {
        return new SalesAlert(accepted, leadUrl, List.copyOf(links));
    }

    /** One answer as sales reads it. */
    public record AnswerLine(String question, String answer) {}

    public String headline() {
        return (requalified() ? "Re-qualified lead" : "Qualified lead")
                + (unverifiedRepeat() ? " (repeat, email not verified)" : "") + ": " + who();
    }

    /**
     * The email already had a lead and this submission did not prove it comes from that person: only its own answers
     * are shown, and the lead's earlier answers and name are unchanged.
     */
    public boolean unverifiedRepeat() {
        return accepted.unverifiedRepeat();
    }

    public String who() {
        String person = name() != null ? name() : email();
        return company() != null ? person + ", " + company() : person;
    }

    public String eventType() {
        return accepted.eventType();
    }

    public boolean requalified() {
        return accepted.requalified();
    }

    public String formTitle() {
        return accepted.definition().title().in(language());
    }

    public String formId() {
        return accepted.form().id();
    }

    public String formVersion() {
        return accepted.form().version();
    }

    public String email() {
        return accepted.lead().email;
    }

    public String name() {
        return accepted.lead().name;
    }

    public String company() {
        List<String> values = accepted.answers().get("company");
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public int score() {
        return accepted.score().total();
    }

    public String grade() {
        return accepted.score().grade();
    }

    public String verdict() {
        return accepted.verdict().key();
    }

    public Rep rep() {
        return accepted.rep().orElse(null);
    }

    /**
     * The assigned rep's booking link, prefilled with this submission's name, email and company and carrying its UTM
     * parameters, so that sales can send it on; null when the rep has none.
     */
    public String bookingUrl() {
        Rep rep = rep();
        return rep == null || rep.bookingUrl() == null
                ? null
                : Meetings.meeting(rep, accepted.definition(), accepted.answers(), accepted.hidden())
                        .bookingUrl();
    }

    /** The answers of this submission that a person gave (not hidden fields or consent), by label. */
    public List<AnswerLine> answers() {
        return answerLines(accepted.definition(), accepted.answers(), language());
    }

    /** Answers a person gave (not hidden fields or consent) as they read them: labels in this language, in form order. */
    static List<AnswerLine> answerLines(FormDefinition definition, Map<String, List<String>> answers, String language) {
        List<AnswerLine> lines = new ArrayList<>();
        definition.questions().forEach(question -> {
            List<String> given = answers.get(question.id());
            if (given != null && question.type() != QuestionType.HIDDEN && question.type() != QuestionType.CONSENT) {
                lines.add(new AnswerLine(question.label().in(language), display(question, given, language)));
            }
        });
        return lines;
    }

    public List<LedgerEntry> ledger() {
        return accepted.score().ledger();
    }

    public List<LedgerEntry> countedLedger() {
        return ledger().stream().filter(LedgerEntry::counted).toList();
    }

    public List<DimensionScore> dimensions() {
        return accepted.score().dimensions();
    }

    /** Where the lead came from: hidden fields such as UTM parameters, and the referring page. */
    public List<AnswerLine> source() {
        List<AnswerLine> source = new ArrayList<>();
        accepted.hidden().forEach((field, value) -> source.add(new AnswerLine(field, value)));
        if (accepted.submission().referrer != null) {
            source.add(new AnswerLine("referrer", accepted.submission().referrer));
        }
        return source;
    }

    private String language() {
        return accepted.definition().defaultLanguage();
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
}
