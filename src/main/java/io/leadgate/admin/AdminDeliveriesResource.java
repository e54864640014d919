package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.delivery.DeliveryAttempt;
import io.leadgate.delivery.EndpointState;
import io.leadgate.delivery.OutboxMessage;
import io.leadgate.delivery.OutboxReplay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The delivery log for administrators: failed messages to replay (same ids), disabled endpoints, the latest attempts. */
@Path("/admin/deliveries")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminDeliveriesResource {

    /** One row of the attempt log, with what the message was. */
    public record AttemptRow(DeliveryAttempt attempt, String eventType, String channel, String destination) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance deliveries(
                Viewer viewer,
                String section,
                List<OutboxMessage> failed,
                List<EndpointState> disabled,
                List<AttemptRow> attempts,
                String message);
    }

    private final OutboxReplay replay;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminDeliveriesResource(OutboxReplay replay, SecurityIdentity identity, CsrfTokens csrf) {
        this.replay = replay;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance deliveries() {
        return page(null);
    }

    @POST
    @Path("{messageId}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance replay(@PathParam("messageId") String messageId, @FormParam("_csrf") String token) {
        csrf.verify(identity, token);
        return page(
                replay.replay(messageId)
                        ? "Message " + messageId + " is queued again with the same id."
                        : "Message " + messageId + " is not failed (any more).");
    }

    @POST
    @Path("endpoints/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance enable(@FormParam("endpoint") String endpoint, @FormParam("_csrf") String token) {
        csrf.verify(identity, token);
        return page(
                replay.enableEndpoint(endpoint)
                        ? "Endpoint " + endpoint + " is on again; replay its failed messages."
                        : "Endpoint " + endpoint + " was not disabled.");
    }

    private TemplateInstance page(String message) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxMessage> failed = OutboxMessage.<OutboxMessage>find(
                            "status = ?1 order by completedAt desc", OutboxMessage.Status.FAILED)
                    .page(0, 100)
                    .list();
            List<DeliveryAttempt> latest = DeliveryAttempt.<DeliveryAttempt>find("order by attemptedAt desc")
                    .page(0, 100)
                    .list();
            Map<String, OutboxMessage> messages = latest.isEmpty()
                    ? Map.of()
                    : OutboxMessage.<OutboxMessage>list(
                                    "messageId in ?1",
                                    latest.stream()
                                            .map(a -> a.messageId)
                                            .distinct()
                                            .toList())
                            .stream()
                            .collect(Collectors.toMap(m -> m.messageId, m -> m));
            List<AttemptRow> attempts = latest.stream()
                    .map(a -> {
                        OutboxMessage m = messages.get(a.messageId);
                        return new AttemptRow(
                                a,
                                m == null ? "" : m.eventType,
                                m == null ? "" : m.channel.name().toLowerCase(),
                                m == null ? "" : m.shownDestination());
                    })
                    .toList();
            return Templates.deliveries(
                    Viewer.of(identity, csrf), "deliveries", failed, EndpointState.listAll(), attempts, message);
        });
    }
}
