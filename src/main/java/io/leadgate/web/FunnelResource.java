package io.leadgate.web;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.reporting.FunnelEvent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;
import java.util.Set;

/**
 * Where the form's script reports progress that never reaches the server otherwise: the first interaction, each
 * step completed and each question answered. Only the form's own token is accepted; no answer is ever sent here.
 */
@Path("/f/{formId}/events")
public class FunnelResource {

    /** One anonymous progress event. */
    public record Beacon(String token, String type, String detail) {}

    private static final Set<String> TYPES = Set.of("start", "step", "answer");

    private final FormRegistry registry;
    private final FormTokens tokens;

    private final FormFlow flow;

    FunnelResource(FormRegistry registry, FormTokens tokens, FormFlow flow) {
        this.registry = registry;
        this.tokens = tokens;
        this.flow = flow;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response record(@PathParam("formId") String formId, Beacon beacon) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm published)
                || beacon == null
                || beacon.type() == null
                || !TYPES.contains(beacon.type())) {
            return Response.status(400).build();
        }
        Optional<FormTokens.Token> token = tokens.verify(beacon.token(), published.id());
        if (token.isEmpty()) {
            return Response.status(400).build();
        }
        ValidForm form = flow.shownFor(published, token.get());
        if (beacon.detail() != null
                && (beacon.detail().length() > 100
                        || form.definition().question(beacon.detail()).isEmpty()
                                && !beacon.detail().matches("\\d{1,3}"))) {
            return Response.status(400).build();
        }
        flow.record(
                form,
                form == published ? null : token.get().variant(),
                FunnelEvent.Type.valueOf(beacon.type().toUpperCase()),
                beacon.detail(),
                FormFlow.visit(token.get().nonce()));
        return Response.noContent().build();
    }
}
