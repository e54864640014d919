package io.leadgate.testing;

import io.leadgate.access.Role;
import io.leadgate.access.Users;
import jakarta.enterprise.inject.spi.CDI;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Reads Prometheus metrics as a scraper does: with an API token, since metrics are not public. */
public final class Metrics {

    private Metrics() {}

    public static String scrape() {
        Users users = CDI.current().select(Users.class).get();
        var reader = users.create(
                "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@pipewise.example",
                "Metrics scraper",
                "a-long-test-password",
                Role.MARKETER);
        String token = users.issueToken(reader.id, "prometheus");
        return given().header("Authorization", "Bearer " + token)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
