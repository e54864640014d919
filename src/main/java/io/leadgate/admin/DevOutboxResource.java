package io.leadgate.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.delivery.Channel;
import io.leadgate.delivery.DeliveryConfig;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.delivery.OutboxMessage;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.util.List;

/**
 * Dev mode's outbox: every email and webhook Leadgate would have sent, shown instead of sent. Never part of the
 * packaged application (the prod build leaves it out), and even in dev and test builds it answers only while
 * {@code leadgate.delivery.mode=capture} (the dev-mode default); elsewhere it is a 404.
 */
@Path("/dev/outbox")
@UnlessBuildProfile("prod")
public class DevOutboxResource {

    /** One captured message as the page shows it. */
    public record Captured(
            String messageId,
            String channel,
            String eventType,
            String destination,
            String status,
            String createdAt,
            String subject,
            String text,
            String html,
            String body) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outbox(List<Captured> messages);
    }

    private final DeliveryConfig config;
    private final ObjectMapper json;

    DevOutboxResource(DeliveryConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response outbox() {
        if (!"capture".equals(config.mode())) {
            return Response.status(404).build();
        }
        List<OutboxMessage> recent = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.<OutboxMessage>find("order by id desc")
                        .page(0, 50)
                        .list());
        return Response.ok(Templates.outbox(recent.stream().map(this::view).toList()))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Captured view(OutboxMessage message) {
        String subject = null;
        String text = null;
        String html = null;
        String body = message.payload;
        if (message.channel == Channel.EMAIL) {
            try {
                EmailMessage email = json.readValue(message.payload, EmailMessage.class);
                subject = email.subject();
                text = email.text();
                html = email.html();
                body = null;
            } catch (IOException e) {
                body = message.payload;
            }
        } else {
            try {
                body = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(message.payload));
            } catch (IOException e) {
                body = message.payload;
            }
        }
        return new Captured(
                message.messageId,
                message.channel.name().toLowerCase(),
                message.eventType,
                message.destination,
                message.status.name().toLowerCase(),
                message.createdAt.toString(),
                subject,
                text,
                html,
                body);
    }
}
