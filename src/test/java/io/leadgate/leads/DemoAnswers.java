package io.leadgate.leads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic answers to the demo-saas form, for a lead that qualifies, one to nurture and one knocked out. */
public final class DemoAnswers {

    private DemoAnswers() {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    /** Scores 100: every dimension at its maximum. */
    public static Map<String, Object> qualified(String email) {
        Map<String, Object> answers = new HashMap<>(base(email));
        answers.putAll(Map.of(
                "challenge",
                "slow-follow-up",
                "current-tool",
                "spreadsheets",
                "sales-team-size",
                12,
                "priority",
                5,
                "features",
                List.of("instant-alerts", "scoring"),
                "timeframe",
                "this-month",
                "budget",
                "over-20k",
                "role",
                "decision-maker"));
        return answers;
    }

    /** Scores 37: need 5, desire 10, timeframe 15, budget 5, authority 2. */
    public static Map<String, Object> nurture(String email) {
        Map<String, Object> answers = new HashMap<>(base(email));
        answers.putAll(Map.of(
                "challenge",
                "just-curious",
                "current-tool",
                "hubspot",
                "sales-team-size",
                2,
                "priority",
                3,
                "timeframe",
                "quarter",
                "budget",
                "not-sure",
                "role",
                "researcher"));
        return answers;
    }

    public static Map<String, Object> knockedOut(String email) {
        Map<String, Object> answers = qualified(email);
        answers.put("role", "student");
        return answers;
    }

    private static Map<String, Object> base(String email) {
        return Map.of(
                "name",
                "Ana Silva",
                "email",
                email,
                "company",
                "Acme",
                "consent",
                true,
                "utm_source",
                "newsletter",
                "utm_campaign",
                "autumn");
    }
}
