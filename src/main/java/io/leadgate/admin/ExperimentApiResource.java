package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.experiments.ExperimentResults;
import io.leadgate.experiments.ExperimentSummary;
import io.leadgate.experiments.Experiments;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.List;

/** A/B tests of a form's versions for pipelines and scripts: start one, read its comparison, promote or end it. */
@Path("/api/forms/{formId}/experiments")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentApiResource {

    /** Which variant to publish. */
    public record Promotion(String variant) {}

    /** The variant promoted, and the version its text was published as (null when it was published already). */
    public record Promoted(String variant, Integer publishedVersion) {}

    private final Experiments experiments;
    private final ExperimentResults results;
    private final SecurityIdentity identity;

    ExperimentApiResource(Experiments experiments, ExperimentResults results, SecurityIdentity identity) {
        this.experiments = experiments;
        this.results = results;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The form's experiments, newest first")
    public List<ExperimentSummary> list(@PathParam("formId") String formId) {
        return experiments.ofForm(formId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an A/B test of the form",
            description = "Two to four variants, the first being the control; each is 'published', 'draft' or a version"
                    + " number, with a share in percent (the shares add up to 100). Each variant's text is fixed when"
                    + " the experiment starts. Visitors of the hosted form and the embed are split by share and stay on"
                    + " their variant; every lead, webhook and export names it. 422 for fewer than two or more than four"
                    + " variants, unknown versions, a missing draft, a variant with problems, two variants with the same"
                    + " text, shares that do not add up to 100, or an experiment already running on the form.")
    public Response start(@PathParam("formId") String formId, Experiments.Plan plan) {
        try {
            long id = experiments.start(formId, plan, identity.getPrincipal().getName());
            return Response.created(URI.create("/api/forms/" + formId + "/experiments/" + id))
                    .entity(experiments.find(formId, id).orElseThrow())
                    .build();
        } catch (Experiments.Refused refused) {
            return refusal("Cannot start the experiment", refused);
        }
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "How the variants compare",
            description = "Per variant: views, completions, self-qualified completions, qualified leads, won deals and"
                    + " revenue, and against the control the probability of being better with a 95 % credible interval"
                    + " of the difference (Beta-Binomial rates; revenue per view as a Beta won rate times an exponential"
                    + " deal size with a Gamma prior). tooEarly lists why the samples are still too small to call.")
    public Response results(@PathParam("formId") String formId, @PathParam("id") long id) {
        return experiments
                .find(formId, id)
                .map(e -> Response.ok(results.of(e)).build())
                .orElseGet(() -> Problem.of(
                                404, "No such experiment", "The form '" + formId + "' has no experiment " + id + ".")
                        .response());
    }

    @POST
    @Path("{id}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Publish a variant and end the experiment",
            description = "Publishes the variant's text as the form's next version (nothing when it is the text already"
                    + " published) and ends the experiment. 409 when it already ended or the form is managed in a file;"
                    + " 422 for an unknown variant.")
    public Response promote(@PathParam("formId") String formId, @PathParam("id") long id, Promotion promotion) {
        try {
            String key = promotion == null || promotion.variant() == null ? "" : promotion.variant();
            Integer version = experiments
                    .promote(formId, id, key, identity.getPrincipal().getName())
                    .orElse(null);
            return Response.ok(new Promoted(key, version)).build();
        } catch (Experiments.Refused refused) {
            return refusal("Cannot promote", refused);
        }
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End the experiment without publishing", description = "409 when it already ended.")
    public Response end(@PathParam("formId") String formId, @PathParam("id") long id) {
        try {
            experiments.end(formId, id, identity.getPrincipal().getName());
            return Response.noContent().build();
        } catch (Experiments.Refused refused) {
            return refusal("Cannot end the experiment", refused);
        }
    }

    private static Response refusal(String title, Experiments.Refused refused) {
        return Problem.of(refused.status, title, refused.getMessage()).response();
    }
}
