package io.leadgate.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** Every API endpoint is in the OpenAPI document, with the bearer scheme and request examples. */
@QuarkusTest
class OpenApiTest {

    @Test
    void theDocumentDescribesTheApi() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/forms/{formId}/submissions'.post", notNullValue())
                .body("paths.'/api/leads'.get", notNullValue())
                .body(
                        "paths.'/api/leads/{id}/outcome'.post.requestBody.content.'application/json'.examples.won",
                        notNullValue())
                .body("paths.'/api/outcomes/import'.post.requestBody.content.'text/csv'.examples", notNullValue())
                .body("paths.'/api/reports/{formId}'.get", notNullValue())
                .body("paths.'/api/users/{id}/tokens'.post", notNullValue())
                .body("components.securitySchemes.token.scheme", containsString("bearer"));
    }
}
