package io.leadgate.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.common.Digests;
import io.leadgate.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON a custom front end posts, and what it gets back. */
final class ApiSubmission {

    private ApiSubmission() {}

    /** The body a custom front end posts. */
    public record Body(
            @Schema(
                    description =
                            "Answers by question id: a string, number or boolean, or a list for multiple choice; hidden fields such as utm_source too.",
                    type = SchemaType.OBJECT,
                    example =
                            "{\"timeframe\": \"this-month\", \"features\": [\"scoring\", \"reports\"], \"email\": \"ana@acme.example\", \"consent\": true}")
            Map<String, JsonNode> answers,

            @Schema(description = "Language the questions were shown in; defaults to the form's first.", example = "en")
            String language,

            @Schema(description = "Page the prospect came from: an http(s) address of up to 2,000 characters.")
            String referrer,

            @Schema(
                    description =
                            "A form token from GET /api/forms/{formId}/token, for browsers; required when the form's api.access is form-token.")
            String formToken,

            @Schema(
                    description =
                            "One of the form's api.publishable-keys; required when its api.access is publishable-key.")
            String publishableKey,

            @Schema(
                    description =
                            "The value of a hidden input people never fill in; anything in it marks a bot, which gets a plausible answer while nothing is stored.")
            String honeypot) {

        /** The answers as lists of strings, or the fields whose JSON type cannot be an answer. */
        Map<String, List<String>> answerValues(List<Problem.FieldError> malformed) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            answers.forEach((question, value) -> {
                Optional<List<String>> converted = values(value);
                if (converted.isEmpty()) {
                    malformed.add(
                            new Problem.FieldError(question, "must be a string, number, boolean or a list of them"));
                } else {
                    values.put(question, converted.get());
                }
            });
            return values;
        }

        /** A digest of what this body asks to store, which an Idempotency-Key is bound to. */
        String hash(String formId, Map<String, List<String>> answers) {
            return Digests.sha256Hex(formId + "\n" + new TreeMap<>(answers) + "\n" + language + "\n" + referrer);
        }

        private static Optional<List<String>> values(JsonNode value) {
            if (value == null || value.isNull()) {
                return Optional.of(List.of());
            }
            if (value.isValueNode()) {
                return Optional.of(List.of(value.asText()));
            }
            if (!value.isArray()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    return Optional.empty();
                }
                values.add(item.asText());
            }
            return Optional.of(values);
        }
    }

    /**
     * What became of the submission. {@code unverified_repeat}: the email already had a lead and this submission did
     * not prove it comes from that person, so only its own answers were scored. {@code verification} is
     * {@code pending} while the form waits for the prospect to confirm the address; verdict and score come then.
     */
    public record Response(
            String leadId,
            String submissionId,
            String verdict,
            Integer score,
            String grade,
            boolean repeated,
            boolean unverifiedRepeat,
            @JsonInclude(JsonInclude.Include.NON_NULL) String verification,
            String outcomeUrl) {}

    /** A form token for a custom front end running in a browser. */
    public record Token(String token, long expiresInSeconds, long minFillSeconds) {}
}
