package io.leadgate.leads;

import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.WebhookKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Chat messages read well in Slack and in Teams, and prospects' words can neither break headers nor become markup. */
class LeadMessagesTest {

    static final LeadMessages.Alert ALERT = new LeadMessages.Alert(
            "lead.qualified",
            false,
            "Demo <request>",
            "demo",
            "1",
            "https://leads.example.com/admin/leads/42",
            "ana@acme.example",
            "Ana <Silva>",
            "Acme & Co",
            91,
            "A",
            "qualified",
            new Rep("ben@x.example", "Ben", 1, false),
            List.of(),
            List.of(),
            List.of(),
            List.of());

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
    void headerValuesLoseEveryControlCharacter() {
        assertEquals("Ana Bcc: x@y.example", LeadMessages.headerSafe("Ana\r\nBcc: x@y.example"));
        assertEquals("a b", LeadMessages.headerSafe("a\u0000\tb"));
        assertEquals(200, LeadMessages.headerSafe("x".repeat(500)).length());
    }
}
