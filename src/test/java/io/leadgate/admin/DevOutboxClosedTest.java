package io.leadgate.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** Outside capture mode the dev outbox does not exist: it would show personal data to anyone. */
@QuarkusTest
class DevOutboxClosedTest {

    @Test
    void theDevOutboxIsAbsentWhenMessagesAreReallySent() {
        given().get("/dev/outbox").then().statusCode(404);
    }
}
