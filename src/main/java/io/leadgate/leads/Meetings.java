package io.leadgate.leads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.BookingLinks;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Route;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meeting a self-qualified prospect can book at once: the assigned rep's name and booking page, prefilled with the
 * prospect's own answers of that submission and carrying its UTM parameters. Nothing here reads another submission's
 * answers, so a thank-you page shows only what its own prospect typed.
 */
@ApplicationScoped
public class Meetings {

    /** The rep a qualified prospect meets: their name (null when the form gives none) and booking link (or null). */
    public record Meeting(String repName, String bookingUrl) {}

    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HIDDEN = new TypeReference<>() {};

    /** How long after the submission its thank-you page still offers the prefilled booking link. */
    static final Duration PREFILLED_FOR = Duration.ofDays(1);

    private final ObjectMapper json;

    Meetings(ObjectMapper json) {
        this.json = json;
    }

    /**
     * For the thank-you page of this submission: the lead's rep as {@code form} lists them, when the submission
     * qualified and proved it comes from the lead's owner (an unverified repeat of someone else's address shows no rep,
     * since the rep belongs to that person's lead). Empty otherwise, and for reps the form no longer lists.
     */
    public Optional<Meeting> forSubmission(ValidForm form, String submissionId) {
        Route route = form.definition().routing().qualified();
        if (route == null || route.assignment() == null) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> Submission.<Submission>find("publicId", submissionId)
                        .firstResultOptional()
                        .filter(s -> "qualified".equals(s.verdict)
                                && s.trust != Trust.REPEAT
                                && s.formId.equals(form.id())
                                // The link carries the prospect's own address: a thank-you page found again in
                                // a browser's history a day later no longer shows it.
                                && s.submittedAt.plus(PREFILLED_FOR).isAfter(Instant.now()))
                        .flatMap(s -> Optional.ofNullable(Lead.<Lead>findById(s.leadId))
                                .map(lead -> lead.assignedRep)
                                .flatMap(owner -> route.assignment().reps().stream()
                                        .filter(rep -> rep.email().equalsIgnoreCase(owner))
                                        .findFirst())
                                .map(rep -> meeting(
                                        rep,
                                        form.definition(),
                                        read(s.answers, ANSWERS),
                                        read(s.hiddenFields, HIDDEN)))));
    }

    /** The rep's booking link filled for the prospect who gave these answers and hidden fields; null without one. */
    public static Meeting meeting(
            Rep rep, FormDefinition definition, Map<String, List<String>> answers, Map<String, String> hidden) {
        BookingLinks.Prospect prospect = new BookingLinks.Prospect(
                first(answers, "name"),
                first(answers, definition.emailQuestion().id()),
                first(answers, "company"));
        return new Meeting(
                rep.name(),
                BookingLinks.fill(rep.bookingUrl(), prospect, hidden).orElse(null));
    }

    private static String first(Map<String, List<String>> answers, String question) {
        List<String> values = answers.get(question);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value == null ? "{}" : value, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
