package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.WebhookKind;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.Verdict;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Chat messages read well in Slack and in Teams, and prospects' words can neither break headers nor become markup. */
class LeadMessagesTest {

    static final SalesAlert ALERT = alert();

    private static SalesAlert alert() {
        ValidForm form = new ValidForm("demo", "demo.yaml", TestForms.parse("""
                id: demo
                version: 1
                title: Demo <request>
                dimensions: {need: {max: 10}}
                steps:
                  - id: one
                    questions:
                      - {id: email, type: email, label: Email, required: true}
                      - {id: company, type: text, label: Company}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@example.com]}}
                """), "1", "hash", "source");
        Lead lead = new Lead();
        lead.publicId = "42";
        lead.email = "ana@acme.example";
        lead.name = "Ana <Silva>";
        Submission submission = new Submission();
        Score score = new Score(91, Verdict.QUALIFIED, "A", List.of(), List.of(), List.of());
        AcceptedSubmission accepted = new AcceptedSubmission(
                form,
                lead,
                submission,
                Map.of("company", List.of("Acme & Co")),
                Map.of(),
                Answers.NONE,
                score,
                "lead.qualified",
                Optional.of(new Rep("ben@x.example", "Ben", 1, false)),
                Trust.FIRST);
        return new SalesAlert(accepted, "https://leads.example.com/admin/leads/42");
    }

    private final LeadMessages messages = new LeadMessages(null, new com.fasterxml.jackson.databind.ObjectMapper());

    @Test
    void slackGetsMrkdwnWithAnEscapedLink() {
        assertEquals(
                "{\"text\":\"*Qualified lead: Ana &lt;Silva&gt;, Acme &amp; Co* (score 91, grade A) via Demo &lt;request&gt;, assigned to Ben\\n"
                        + "<https://leads.example.com/admin/leads/42|Open the lead in Leadgate>\"}",
                messages.chatBody(WebhookKind.SLACK, ALERT));
    }

    @Test
    void teamsGetsMarkdown() {
        assertEquals(
                "{\"text\":\"**Qualified lead: Ana &lt;Silva&gt;, Acme &amp; Co** (score 91, grade A) via Demo &lt;request&gt;, assigned to Ben\\n"
                        + "[Open the lead in Leadgate](https://leads.example.com/admin/leads/42)\"}",
                messages.chatBody(WebhookKind.TEAMS, ALERT));
    }

    @Test
    void answersCannotBecomeLinksInTeamsOrSlack() {
        String name = "[Click me](https://evil.example) *urgent* <https://evil.example|here>";
        assertEquals(
                "\\[Click me\\]\\(https://evil.example\\) \\*urgent\\* &lt;https://evil.example\\|here&gt;",
                LeadMessages.teamsSafe(name));
        assertEquals(
                "[Click me](https://evil.example) *urgent* &lt;https://evil.example|here&gt;",
                LeadMessages.chatSafe(name));
    }

    @Test
    void headerValuesLoseEveryControlCharacter() {
        assertEquals("Ana Bcc: x@y.example", LeadMessages.headerSafe("Ana\r\nBcc: x@y.example"));
        assertEquals("a b", LeadMessages.headerSafe("a\u0000\tb"));
        assertEquals(200, LeadMessages.headerSafe("x".repeat(500)).length());
    }
}
