package io.leadgate.web;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Theme;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/** A form's theme as CSS custom properties, which the form's pages link to. */
@Path("/f/{formId}/theme.css")
public class ThemeResource {

    private static final Map<String, String> FONTS = Map.of(
            "system", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "sans-serif", "'Helvetica Neue', Arial, sans-serif",
            "serif", "Georgia, 'Times New Roman', serif",
            "rounded", "ui-rounded, 'Nunito', system-ui, sans-serif",
            "monospace", "ui-monospace, 'SFMono-Regular', Menlo, monospace");

    private final FormRegistry registry;

    ThemeResource(FormRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces("text/css")
    @Operation(hidden = true)
    public Response theme(@PathParam("formId") String formId) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity("/* no such form */")
                    .build();
        }
        Theme theme = form.definition().theme();
        // Colours are checked as #rrggbb and fonts against a fixed list when the form loads, so this CSS is safe.
        String css = ":root{--lg-primary:" + theme.primaryColor() + ";--lg-background:" + theme.backgroundColor()
                + ";--lg-text:" + theme.textColor() + ";--lg-font:" + FONTS.get(theme.font()) + ";}\n";
        return Response.ok(css).header("Cache-Control", "public, max-age=60").build();
    }
}
