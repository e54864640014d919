package io.leadgate.forms;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Booking URLs (issue 18.4): what a form author may write, and how a prospect's answers fill them. */
class BookingLinksTest {

    private static final String FORM = """
            id: booking
            title: Booking
            dimensions: {fit: {max: 100}}
            steps:
              - id: only
                questions:
                  - {id: email, type: email, label: Email, required: true}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing:
              qualified:
                assignment:
                  reps:
                    - {email: ana@x.example, name: Ana, booking-url: "%s"}
            """;

    private static List<String> problems(String url) {
        LoadedForm loaded = new FormLoader(SecretReferences.NONE, false)
                .load("booking", "booking.yaml", FORM.formatted(url).getBytes(StandardCharsets.UTF_8));
        return loaded instanceof BrokenForm broken
                ? broken.problems().stream().map(Object::toString).toList()
                : List.of();
    }

    @Test
    void authorsWriteHttpsUrlsWithKnownPlaceholdersAfterTheHost() {
        FormDefinition ok =
                TestForms.parse(FORM.formatted("https://cal.com/ana/30min?name={name}&email={email}#{company}"));
        assertEquals(
                "https://cal.com/ana/30min?name={name}&email={email}#{company}",
                ok.routing().qualified().assignment().reps().getFirst().bookingUrl());
        assertTrue(problems("javascript:alert(1)//{name}").toString().contains("not an https URL"));
        assertTrue(problems("http://cal.example/ana").toString().contains("not an https URL"));
        assertTrue(problems("https://{company}.cal.example/ana").toString().contains("before the path"));
        assertTrue(problems("https://cal.example{company}/ana").toString().contains("before the path"));
        assertTrue(problems("https://cal.example/ana?x={phone}").toString().contains("'{phone}' is not a placeholder"));
        assertTrue(problems("https://user@cal.example/ana").toString().contains("not an https URL"));
    }

    @Test
    void answersAreUrlEncodedAndUtmParametersPassThrough() {
        BookingLinks.Prospect prospect = new BookingLinks.Prospect("Ana María Silva", "ana+x@acme.example", "A&B/C?#=");
        assertEquals(
                Optional.of("https://cal.example/ana?first=Ana&last=Mar%C3%ADa%20Silva&c=A%26B%2FC%3F%23%3D"
                        + "&utm_source=news%20letter&utm_campaign=may#x"),
                BookingLinks.fill(
                        "https://cal.example/ana?first={first-name}&last={last-name}&c={company}#x",
                        prospect,
                        Map.of("utm_source", "news letter", "utm_campaign", "may", "gclid", "not-passed")));
        // A parameter the URL already sets is not added twice; a URL without a query gets one.
        assertEquals(
                Optional.of("https://cal.example/ana?utm_source=fixed&email=ana%2Bx%40acme.example"),
                BookingLinks.fill(
                        "https://cal.example/ana?utm_source=fixed&email={email}",
                        prospect,
                        Map.of("utm_source", "news")));
        assertEquals(
                Optional.of("https://cal.example/ana?utm_medium=email"),
                BookingLinks.fill("https://cal.example/ana", prospect, Map.of("utm_medium", "email")));
        assertEquals(Optional.empty(), BookingLinks.fill(null, prospect, Map.of()));
    }
}
