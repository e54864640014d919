package io.leadgate.web;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Theme;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.LaunchMode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** The hosted questionnaire page of each form, and the error pages a prospect may meet instead. */
@Path("/f/{formId}")
public class FormPageResource {

    private static final Map<String, String> FONTS = Map.of(
            "system", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "sans-serif", "'Helvetica Neue', Arial, sans-serif",
            "serif", "Georgia, 'Times New Roman', serif",
            "rounded", "ui-rounded, 'Nunito', system-ui, sans-serif",
            "monospace", "ui-monospace, 'SFMono-Regular', Menlo, monospace");

    private final FormRegistry registry;

    FormPageResource(FormRegistry registry) {
        this.registry = registry;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(ValidForm form, String lang);

        static native TemplateInstance unavailable(String formId, List<FormProblem> problems);

        static native TemplateInstance notFound(String formId);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("formId") String formId, @QueryParam("lang") String lang,
                         @HeaderParam("Accept-Language") String acceptLanguage) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (loaded instanceof ValidForm form) {
            String language = Languages.pick(form.definition().languages(), lang, acceptLanguage);
            return Response.ok(Templates.form(form, language)).header("Content-Language", language).build();
        }
        if (loaded instanceof BrokenForm broken) {
            // Prospects get a kind message; the problems themselves are for the person running dev mode.
            List<FormProblem> shown = LaunchMode.current() == LaunchMode.DEVELOPMENT ? broken.problems() : List.of();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Templates.unavailable(formId, shown))
                    .header("Retry-After", "300").build();
        }
        return Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(formId)).build();
    }

    @GET
    @Path("theme.css")
    @Produces("text/css")
    @Operation(hidden = true)
    public Response theme(@PathParam("formId") String formId) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            return Response.status(Response.Status.NOT_FOUND).entity("/* no such form */").build();
        }
        Theme theme = form.definition().theme();
        // Colours are checked as #rrggbb and fonts against a fixed list when the form loads, so this CSS is safe.
        String css = ":root{--lg-primary:" + theme.primaryColor() + ";--lg-background:" + theme.backgroundColor()
                + ";--lg-text:" + theme.textColor() + ";--lg-font:" + FONTS.get(theme.font()) + ";}\n";
        return Response.ok(css).header("Cache-Control", "public, max-age=60").build();
    }
}
