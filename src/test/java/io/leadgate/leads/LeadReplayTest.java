package io.leadgate.leads;

import io.leadgate.forms.FormLoader;
import io.leadgate.forms.SecretReferences;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.scoring.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A lead that answered a follow-up is replayed as the live engine scored it: the follow-up on everything the lead
 * had said so far, not on its own few answers (which showed false verdict changes in backtests before).
 */
class LeadReplayTest {

    private static FormDefinition form() {
        String yaml = """
                id: replay
                title: Replay
                dimensions:
                  fit: {max: 60}
                  need: {max: 40}
                steps:
                  - id: only
                    questions:
                      - id: size
                        type: single
                        label: Team size
                        options:
                          - {value: big, label: Big, points: {fit: 30}}
                          - {value: small, label: Small, points: {fit: 10}}
                      - id: need
                        type: single
                        label: Need
                        options:
                          - {value: "yes", label: "Yes", points: {need: 40}}
                          - {value: "no", label: "No", points: {need: 0}}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@replay.example]}}
                """;
        FormLoader loader = new FormLoader(
                new SecretReferences(SecretReferences.DEFAULT_PREFIX, Set.of(), name -> Optional.empty()), false);
        io.leadgate.forms.LoadedForm loaded =
                loader.load("replay", "replay.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        if (loaded instanceof io.leadgate.forms.BrokenForm broken) {
            throw new AssertionError(broken.problems().toString());
        }
        return ((ValidForm) loaded).definition();
    }

    private static Submission submission(Map<String, Object> answers, Trust trust, Instant at) {
        Submission submission = new Submission();
        submission.answers = answers.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":"
                        + (e.getValue() instanceof List<?> list
                                ? list.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"))
                                : "[\"" + e.getValue() + "\"]"))
                .collect(Collectors.joining(",", "{", "}"));
        submission.trust = trust;
        submission.submittedAt = at;
        return submission;
    }

    private static Map<String, List<String>> parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFollowUpIsScoredOnEverythingTheLeadSaidSoFar() {
        Instant now = Instant.now();
        List<LeadReplay.Step> steps = LeadReplay.replay(
                form(),
                List.of(
                        submission(Map.of("size", "big"), Trust.FIRST, now.minusSeconds(3600)),
                        submission(Map.of("need", "yes"), Trust.VERIFIED, now)),
                LeadReplayTest::parse);

        assertEquals(Verdict.NURTURE, steps.get(0).leadVerdict());
        assertEquals(70, steps.get(1).score().total(), "the follow-up adds its answer to the one before (30 + 40)");
        assertEquals(Verdict.QUALIFIED, steps.get(1).leadVerdict());
    }

    @Test
    void anUnprovenRepeatIsScoredAloneAndCanOnlyRaiseTheLead() {
        Instant now = Instant.now();
        List<LeadReplay.Step> steps = LeadReplay.replay(
                form(),
                List.of(
                        submission(Map.of("size", "big", "need", "yes"), Trust.FIRST, now.minusSeconds(60)),
                        submission(Map.of("size", "small"), Trust.REPEAT, now)),
                LeadReplayTest::parse);
        assertEquals(10, steps.get(1).score().total(), "a repeat is judged on its own answers");
        assertEquals(Verdict.QUALIFIED, steps.get(1).leadVerdict(), "and never lowers the lead");
        assertEquals(70, steps.get(1).leadScore());
    }
}
