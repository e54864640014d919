package io.leadgate.forms;

import io.leadgate.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Editing a form file takes effect without a restart; a broken file is reported with its place while the other
 * forms keep serving.
 */
@QuarkusTest
@TestProfile(FormsHotReloadTest.CopiedForms.class)
class FormsHotReloadTest {

    /**
     * Serves a copy of forms/ that the test may break, checked for changes every second. The folder has a fixed name
     * because Quarkus loads the profile and the test in different class loaders.
     */
    public static class CopiedForms implements QuarkusTestProfile {
        static final Path DIR = Path.of("target", "hot-reload-forms").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                for (Path file : FormFilesTest.formFiles()) {
                    Files.copy(file, DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.createDirectories(DIR.resolve(FormRegistry.SEQUENCES));
                for (Path file : FormFilesTest.sequenceFiles()) {
                    Files.copy(
                            file,
                            DIR.resolve(FormRegistry.SEQUENCES).resolve(file.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(DIR.resolve("extra.yaml"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("leadgate.forms.dir", DIR.toString(), "leadgate.forms.reload-interval", "1s");
        }
    }

    private static final Path AGENCY = CopiedForms.DIR.resolve("agency-brief.yaml");

    @AfterEach
    void restore() throws IOException {
        Files.copy(FormFilesTest.FORMS.resolve("agency-brief.yaml"), AGENCY, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(CopiedForms.DIR.resolve("extra.yaml"));
        eventually(() -> given().get("/f/agency-brief").then().statusCode(200));
    }

    @Test
    void aBrokenFileIsReportedWithItsPlaceAndTheOthersKeepServing() throws IOException {
        String original = Files.readString(AGENCY);
        Files.writeString(AGENCY, original.replace("type: textarea", "type: essay"));

        eventually(() -> given().get("/f/agency-brief").then().statusCode(503));
        given().get("/f/agency-brief")
                .then()
                .contentType(containsString("text/html"))
                .body(containsString("This form is being updated"))
                .body(not(containsString("essay")));
        given().get("/f/demo-saas").then().statusCode(200);

        given().get("/q/health/group/forms")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString("agency-brief.yaml:48:15: 'essay' is not a valid 'type'"))
                .body(not(containsString(AGENCY.toString())));
        given().get("/q/health/ready").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertTrue(
                io.leadgate.testing.Metrics.scrape().contains("leadgate_forms{state=\"broken\"} 1.0"));
    }

    @Test
    void aChangedFileIsServedWithoutARestart() throws IOException {
        String original = Files.readString(AGENCY);
        Files.writeString(AGENCY, original.replace("Tell us about your project", "Tell us about your next project"));
        eventually(() -> given().get("/f/agency-brief")
                .then()
                .statusCode(200)
                .body(containsString("Tell us about your next project")));
    }

    @Test
    void aNewFileBecomesANewForm() throws IOException {
        Files.writeString(
                CopiedForms.DIR.resolve("extra.yaml"),
                FormLoaderTest.VALID
                        .replace("id: tiny", "id: extra")
                        .replace("${LEADGATE_SECRET_HOOK}", "${LEADGATE_SECRET_SALES_WEBHOOK}"));
        eventually(() -> given().get("/f/extra").then().statusCode(200).body(containsString("Tiny form")));
    }

    @Test
    void formTextNeverPrintsAServerSecret() throws IOException {
        Files.writeString(
                CopiedForms.DIR.resolve("extra.yaml"),
                FormLoaderTest.VALID
                        .replace("id: tiny", "id: extra")
                        .replace(
                                "title: Tiny form",
                                "title: Tiny form\ndescription: \"${LEADGATE_ACCESS_ADMIN_PASSWORD}\"")
                        .replace("https://crm.example.com/hook", "${LEADGATE_WEB_TOKEN_SECRET}")
                        .replace("${LEADGATE_SECRET_HOOK}", "${LEADGATE_SECRET_SALES_WEBHOOK}"));
        eventually(() -> given().get("/f/extra").then().statusCode(503));
        String password = ConfigProvider.getConfig().getValue("leadgate.access.admin-password", String.class);
        String tokenSecret = ConfigProvider.getConfig().getValue("leadgate.web.token-secret", String.class);
        for (String path : List.of("/f/extra", "/q/health/group/forms", "/q/health/ready", "/q/health")) {
            given().get(path).then().body(not(containsString(password))).body(not(containsString(tokenSecret)));
        }
        given().get("/q/health/group/forms").then().body(containsString("extra.yaml:3:"));
    }

    private static void eventually(Runnable assertion) {
        Eventually.assertion(assertion);
    }
}
