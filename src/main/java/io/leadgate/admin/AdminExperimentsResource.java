package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.experiments.BayesianComparison;
import io.leadgate.experiments.ExperimentResults;
import io.leadgate.experiments.ExperimentSummary;
import io.leadgate.experiments.Experiments;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The experiments page of a form: start an A/B test, watch the variants compare, promote the winner or end it. */
@Path("/admin/forms/{id}/experiments")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminExperimentsResource {

    /** A text a variant can show: its field value and how the page names it. */
    public record Source(String value, String label) {}

    /** One row of the start form, with what it was filled with. */
    public record VariantField(String key, String source, String share) {}

    /** One variant's row of the comparison table, formatted for people. */
    public record Row(
            String key,
            String origin,
            int share,
            long views,
            long completions,
            String completion,
            String selfQualified,
            long qualified,
            String qualifiedPerThousand,
            long won,
            String revenue,
            String revenuePerThousand,
            String salesAccepted,
            String beatsOnQualified,
            String qualifiedInterval,
            String beatsOnRevenue,
            String revenueInterval) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                Viewer viewer,
                String section,
                String id,
                List<ExperimentSummary> experiments,
                List<Source> sources,
                List<VariantField> fields,
                String name,
                String error);

        static native TemplateInstance experiment(
                Viewer viewer,
                String section,
                String id,
                ExperimentResults.Results results,
                List<Row> rows,
                Chart qualified,
                Chart revenue,
                String message,
                String error);
    }

    private final Experiments experiments;
    private final ExperimentResults results;
    private final FormStore store;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminExperimentsResource(
            Experiments experiments,
            ExperimentResults results,
            FormStore store,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.experiments = experiments;
        this.results = results;
        this.store = store;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(@PathParam("id") String id) {
        return listPage(id, defaults(id), "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response start(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        csrf.verify(identity, form.getFirst(CsrfTokens.FIELD));
        List<VariantField> fields = new ArrayList<>();
        List<Experiments.VariantPlan> plan = new ArrayList<>();
        String refused = null;
        boolean gap = false;
        for (String key : List.of("A", "B", "C", "D")) {
            String source = value(form.getFirst("source_" + key));
            String share = value(form.getFirst("share_" + key));
            fields.add(new VariantField(key, source, share));
            if (source.isEmpty()) {
                gap = true;
                continue;
            }
            if (gap) {
                refused = refused != null
                        ? refused
                        : "Variant " + key + " follows an unused variant; fill the variants in order, A, B, C, D.";
            }
            Integer percent = null;
            try {
                percent = Integer.valueOf(share);
            } catch (NumberFormatException e) {
                refused = refused != null ? refused : "Variant " + key + "'s share is a whole number of percent.";
            }
            plan.add(new Experiments.VariantPlan(source, percent));
        }
        String name = value(form.getFirst("name"));
        if (refused != null) {
            return Response.status(422)
                    .entity(listPage(id, fields, name, refused))
                    .build();
        }
        try {
            long experiment = experiments.start(
                    id,
                    new Experiments.Plan(name, plan),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/admin/forms/" + id + "/experiments/" + experiment))
                    .build();
        } catch (Experiments.Refused e) {
            return Response.status(e.status)
                    .entity(listPage(id, fields, name, e.getMessage()))
                    .build();
        }
    }

    @GET
    @Path("{experiment}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response experiment(
            @PathParam("id") String id, @PathParam("experiment") long experiment, @QueryParam("done") String done) {
        String message = done == null
                ? null
                : switch (done) {
                    case "ended" -> "The experiment ended; everyone sees the published form again.";
                    case "promoted" -> "The variant is published and the experiment ended.";
                    default -> null;
                };
        return page(id, experiment, 200, message, null);
    }

    @POST
    @Path("{experiment}/promote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response promote(
            @PathParam("id") String id, @PathParam("experiment") long experiment, MultivaluedMap<String, String> form) {
        csrf.verify(identity, form.getFirst(CsrfTokens.FIELD));
        try {
            experiments.promote(
                    id,
                    experiment,
                    value(form.getFirst("variant")),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/admin/forms/" + id + "/experiments/" + experiment + "?done=promoted"))
                    .build();
        } catch (Experiments.Refused e) {
            return page(id, experiment, e.status, null, e.getMessage());
        }
    }

    @POST
    @Path("{experiment}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response end(
            @PathParam("id") String id, @PathParam("experiment") long experiment, MultivaluedMap<String, String> form) {
        csrf.verify(identity, form.getFirst(CsrfTokens.FIELD));
        try {
            experiments.end(id, experiment, identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/admin/forms/" + id + "/experiments/" + experiment + "?done=ended"))
                    .build();
        } catch (Experiments.Refused e) {
            return page(id, experiment, e.status, null, e.getMessage());
        }
    }

    private Response page(String id, long experiment, int status, String message, String error) {
        return experiments
                .find(id, experiment)
                .map(found -> {
                    ExperimentResults.Results compared = results.of(found);
                    List<Row> rows = compared.variants().stream()
                            .map(AdminExperimentsResource::row)
                            .toList();
                    Chart qualified = Chart.of(
                            "qualified-per-view",
                            "Qualified leads per 1,000 views",
                            compared.variants(),
                            v -> "Variant " + v.key() + " (" + v.origin() + ")",
                            ExperimentResults.VariantResult::qualifiedPerThousandViews,
                            v -> decimal(v.qualifiedPerThousandViews()));
                    Chart revenue = Chart.of(
                            "revenue-per-view",
                            "Won revenue per 1,000 views",
                            compared.variants(),
                            v -> "Variant " + v.key() + " (" + v.origin() + ")",
                            ExperimentResults.VariantResult::revenuePerThousandViews,
                            v -> decimal(v.revenuePerThousandViews()));
                    return Response.status(status)
                            .entity(Templates.experiment(
                                    Viewer.of(identity, csrf),
                                    "forms",
                                    id,
                                    compared,
                                    rows,
                                    qualified,
                                    revenue,
                                    message,
                                    error))
                            .build();
                })
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("The form '" + id + "' has no experiment " + experiment + ".")
                        .build());
    }

    private static Row row(ExperimentResults.VariantResult v) {
        ExperimentResults.Versus versus = v.versus();
        return new Row(
                v.key(),
                v.origin(),
                v.share(),
                v.views(),
                v.completions(),
                Formats.percent(v.views() == 0 ? null : v.completionRate()),
                Formats.percent(v.completions() == 0 ? null : v.selfQualifiedRate()),
                v.qualifiedLeads(),
                decimal(v.qualifiedPerThousandViews()),
                v.wonDeals(),
                v.revenue().setScale(0, RoundingMode.HALF_UP).toPlainString(),
                decimal(v.revenuePerThousandViews()),
                Formats.percent(v.salesAcceptedRate()),
                versus == null ? "control" : Formats.percent(versus.qualified().probabilityBetter()),
                versus == null ? "" : interval(versus.qualified(), 1000),
                versus == null
                        ? "control"
                        : versus.revenue() == null
                                ? "no won deals yet"
                                : Formats.percent(versus.revenue().probabilityBetter()),
                versus == null || versus.revenue() == null ? "" : interval(versus.revenue(), 1000));
    }

    /** The 95 % interval of the difference from the control, per 1,000 views. */
    private static String interval(BayesianComparison.Comparison comparison, double scale) {
        return signed(comparison.differenceLow() * scale) + " to " + signed(comparison.differenceHigh() * scale);
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : value < 0 ? "−" : "") + decimal(Math.abs(value));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    private TemplateInstance listPage(String id, List<VariantField> fields, String name, String error) {
        return Templates.list(
                Viewer.of(identity, csrf), "forms", id, experiments.ofForm(id), sources(id), fields, name, error);
    }

    private List<Source> sources(String id) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("published", "The published form"));
        if (store.draft(Kind.FORM, id).map(FormStore.Draft::content).isPresent()) {
            sources.add(new Source("draft", "The draft"));
        }
        try {
            store.versions(Kind.FORM, id)
                    .reversed()
                    .forEach(v -> sources.add(new Source(
                            String.valueOf(v.number()),
                            "Version " + v.number() + " (" + Formats.when(v.publishedAt()) + ")")));
        } catch (FormStore.Refusal e) {
            // A form only in files and not yet in the store has no numbered versions to offer.
        }
        return sources;
    }

    private List<VariantField> defaults(String id) {
        boolean draft = store.draft(Kind.FORM, id).map(FormStore.Draft::content).isPresent();
        return List.of(
                new VariantField("A", "published", "50"),
                new VariantField("B", draft ? "draft" : "", "50"),
                new VariantField("C", "", ""),
                new VariantField("D", "", ""));
    }

    private static String value(String field) {
        return field == null ? "" : field.strip();
    }
}
