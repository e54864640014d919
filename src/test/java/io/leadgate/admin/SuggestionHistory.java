package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Eventually;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A published form with a history in which one answer truly predicts won deals, as {@link BacktestApiTest} seeds it:
 * big teams that need it qualify (two won, two lost), small teams that need it land in nurture yet all four bought,
 * small teams without a need are disqualified. Unlike there, nobody writes the draft: the report's suggestions do.
 */
final class SuggestionHistory {

    static final String PASSWORD = "a-long-test-password";

    private SuggestionHistory() {}

    /** A bearer token for this user, created with this role if new. */
    static String token(Users users, String email, Role role) {
        User user =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (user == null) {
            user = users.create(email, email, PASSWORD, role);
        }
        return users.issueToken(user.id, "suggestions");
    }

    /** The form, a comment in it for the draft to keep; small teams earn 10 points, big ones 30. */
    static String form(String id) {
        return """
                id: %s
                title: Suggestions form
                dimensions:
                  fit: {max: 60}
                  need: {max: 40}
                steps:
                  - id: only
                    questions:
                      # Team size: the answer the history says to trust more.
                      - id: size
                        type: single
                        label: Team size
                        required: true
                        options:
                          - {value: big, label: Big, points: {fit: 30}}
                          - {value: small, label: Small, points: {fit: 10}}
                      - id: need
                        type: single
                        label: Need
                        required: true
                        options:
                          - {value: "yes", label: "Yes", points: {need: 40}}
                          - {value: "no", label: "No", points: {need: 0}}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing:
                  qualified:
                    email: [sales@suggestions.example]
                """.formatted(id);
    }

    /** Publishes {@code yaml} as a new studio form and waits until it is served. */
    static void publish(String marketer, String id, String yaml) {
        given().header("Authorization", "Bearer " + marketer)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + marketer)
                .post("/api/forms/" + id + "/publish")
                .then()
                .statusCode(201);
        Eventually.holds(() -> given().get("/f/" + id).statusCode() == 200, "the published form is served");
    }

    /** One lead's answers and, when {@code outcome} is given, its closed deal. */
    static void lead(String admin, String id, Map<String, Object> answers, String outcome, int amount) {
        Map<String, Object> all = new java.util.HashMap<>(answers);
        all.put("email", UUID.randomUUID().toString().substring(0, 8) + "@prospect.example");
        String lead = given().contentType(ContentType.JSON)
                .body(Map.of("answers", all))
                .post("/api/forms/" + id + "/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        if (outcome != null) {
            given().header("Authorization", "Bearer " + admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", outcome, "amount", amount, "currency", "EUR"))
                    .post("/api/leads/" + lead + "/outcome")
                    .then()
                    .statusCode(200);
        }
    }

    /** A new published form with ten leads and eight closed deals; returns its id. */
    static String seed(String marketer, String admin) {
        String id = "suggest-" + UUID.randomUUID().toString().substring(0, 8);
        publish(marketer, id, form(id));
        for (int i = 0; i < 2; i++) {
            lead(admin, id, Map.of("size", "big", "need", "yes"), "won", 1000); // 70: qualified
            lead(admin, id, Map.of("size", "big", "need", "yes"), "lost", 0);
        }
        for (int i = 0; i < 4; i++) {
            lead(admin, id, Map.of("size", "small", "need", "yes"), "won", 2000); // 50: nurture, yet all bought
        }
        for (int i = 0; i < 2; i++) {
            lead(admin, id, Map.of("size", "small", "need", "no"), null, 0); // 10: disqualified
        }
        return id;
    }
}
