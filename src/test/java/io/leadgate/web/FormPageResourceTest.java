package io.leadgate.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Each demo form is served at /f/{id} in its languages; unknown ids get a friendly 404. */
@QuarkusTest
class FormPageResourceTest {

    @Test
    void theSaasDemoIsServed() {
        given().when()
                .get("/f/demo-saas")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("See if Pipewise is a fit for your team"))
                .body(containsString("name=\"timeframe\""))
                .body(containsString("href=\"/f/demo-saas/theme.css\""));
    }

    @Test
    void languageFollowsTheQueryThenTheBrowser() {
        given().when()
                .get("/f/agency-brief?lang=de")
                .then()
                .statusCode(200)
                .header("Content-Language", "de")
                .body(containsString("Erzählen Sie uns von Ihrem Projekt"));
        given().header("Accept-Language", "de-CH, de;q=0.9, en;q=0.5")
                .when()
                .get("/f/agency-brief")
                .then()
                .header("Content-Language", "de");
        given().header("Accept-Language", "fr")
                .when()
                .get("/f/agency-brief")
                .then()
                .header("Content-Language", "en")
                .body(containsString("Tell us about your project"));
    }

    @Test
    void leadgatesOwnWordsFollowThePageLanguage() {
        given().when()
                .get("/f/agency-brief?lang=de")
                .then()
                .statusCode(200)
                .body(containsString(">Weiter</button>"))
                .body(containsString("Schritt 1 von 3"))
                .body(containsString("data-text-back=\"Zurück\""))
                .body(containsString("data-text-required=\"Bitte beantworten Sie diese Frage.\""));
        given().when()
                .get("/f/agency-brief?lang=en")
                .then()
                .body(containsString(">Next</button>"))
                .body(containsString("Step 1 of 3"))
                .body(containsString("data-text-step=\"Step %s of %s\""));
    }

    @Test
    void theThemeBecomesCss() {
        given().when()
                .get("/f/demo-saas/theme.css")
                .then()
                .statusCode(200)
                .contentType(containsString("text/css"))
                .body(containsString("--lg-primary:#1d4ed8"));
    }

    @Test
    void anUnknownFormIsAFriendly404() {
        given().when()
                .get("/f/no-such-form")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("We could not find this form"))
                .body(not(containsString("Exception")));
    }

    @Test
    void formTextIsEscaped() {
        given().when()
                .get("/f/demo-saas")
                .then()
                .statusCode(200)
                .body(containsString("Nothing yet, I&#39;m just looking around"));
    }

    @Test
    void pagesAreDeclaredInTheirLanguage() {
        given().when().get("/f/agency-brief?lang=de").then().body(containsString("<html lang=\"de\">"));
        given().when().get("/f/demo-saas").then().header("Content-Language", equalTo("en"));
    }
}
