package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.experiments.Experiments;
import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.reporting.TrafficSource;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hosted questionnaire: {@code GET} shows a step, {@code POST} moves between steps or submits. Works without
 * JavaScript through plain POSTs; the browser script only makes the same steps faster. {@link FormFlow} decides;
 * {@link FirstPageRoute} answers the plain first page before a request reaches this resource.
 */
@Path("/f/{formId}")
public class FormPageResource {

    private final FormRegistry registry;
    private final FormFlow flow;
    private final FirstPageCache firstPages;

    FormPageResource(FormRegistry registry, FormFlow flow, FirstPageCache firstPages) {
        this.registry = registry;
        this.flow = flow;
        this.firstPages = firstPages;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(
            @PathParam("formId") String formId,
            @QueryParam("lang") String lang,
            @QueryParam("origin") String origin,
            @QueryParam("referrer") String referrer,
            @HeaderParam("Referer") String refererHeader,
            @HeaderParam("Accept-Language") String acceptLanguage,
            @QueryParam("preview") boolean preview,
            @QueryParam(VARIANT_PARAMETER) String variant,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (!(loaded instanceof ValidForm published)) {
            return missing(formId, loaded);
        }
        // The embed passes the assignment its landing page keeps; the form's own page keeps it in a cookie.
        Cookie kept = headers.getCookies().get(variantCookie(formId));
        Experiments.Arm arm = preview
                ? null
                : flow.assign(published, variant, kept == null ? null : kept.getValue())
                        .orElse(null);
        ValidForm form = arm == null ? published : arm.form();
        String language = Languages.pick(form.definition().languages(), lang, acceptLanguage);
        String from = FormFlow.webAddress(referrer != null ? referrer : refererHeader);
        TrafficSource source = TrafficSource.of(
                uri.getQueryParameters(), from, uri.getBaseUri().getHost());
        FormView view = flow.open(form, arm, language, uri.getQueryParameters(), preview, source)
                .embeddedIn(Embedding.allowedOrigin(form, origin).orElse(null))
                .from(from);
        Object page = view.answers().isEmpty() ? firstPages.firstPage(view).getBytes() : ProspectPages.form(view);
        Response.ResponseBuilder response = Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (view.assignment() != null && view.embedOrigin() == null) {
            response.cookie(new NewCookie.Builder(variantCookie(formId))
                    .value(view.assignment())
                    .path("/f/" + formId)
                    .maxAge((int) Duration.ofDays(90).toSeconds())
                    .httpOnly(true)
                    .secure("https".equals(uri.getRequestUri().getScheme()))
                    .sameSite(NewCookie.SameSite.LAX)
                    .build());
        }
        return noStore(response, form, language);
    }

    /** The query parameter through which the embed passes the variant its landing page kept. */
    static final String VARIANT_PARAMETER = "lg_variant";

    /** The first-party cookie that keeps a visitor on one variant of the form's experiment across reloads. */
    static String variantCookie(String formId) {
        return "lg-variant-" + formId;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response post(@PathParam("formId") String formId, String body, @Context HttpServerRequest http) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (!(loaded instanceof ValidForm form)) {
            return missing(formId, loaded);
        }
        Optional<FormPost> post = FormPost.parse(body);
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        FormFlow.Result result = post.isPresent()
                ? flow.post(form, post.get(), ip)
                : notUtf8(form.definition().defaultLanguage());
        return switch (result) {
            case FormFlow.Show show ->
                noStore(
                        Response.status(show.status()).entity(ProspectPages.form(show.view())),
                        form,
                        show.view().lang());
            case FormFlow.Refuse refuse ->
                Embedding.framedBy(
                                Response.status(refuse.status())
                                        .entity(ProspectPages.refused(refuse.title(), refuse.message(), refuse.lang())),
                                form)
                        .build();
            case FormFlow.Done done -> thankYou(form, done);
        };
    }

    private static FormFlow.Refuse notUtf8(String language) {
        PageMessages text = Translations.bundle(PageMessages.class, language);
        return new FormFlow.Refuse(400, text.refusedTitle(), text.notUtf8(), language);
    }

    private static Response noStore(Response.ResponseBuilder response, ValidForm form, String language) {
        return Embedding.framedBy(response, form)
                .header("Content-Language", language)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response thankYou(ValidForm form, FormFlow.Done done) {
        String location = ThankYouLinks.path(form.id(), done.submissionId())
                + (done.embedOrigin() != null
                        ? "?origin=" + URLEncoder.encode(done.embedOrigin(), StandardCharsets.UTF_8)
                        : "");
        return Embedding.framedBy(Response.seeOther(URI.create(location)), form).build();
    }

    /** A broken form tells prospects kindly that it is being updated; its problems are for dev mode only. */
    static Response missing(String formId, LoadedForm loaded) {
        if (loaded instanceof BrokenForm broken) {
            List<FormProblem> shown = LaunchMode.current() == LaunchMode.DEVELOPMENT ? broken.problems() : List.of();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(ProspectPages.unavailable(formId, shown))
                    .header("Retry-After", "300")
                    .build();
        }
        return Response.status(Response.Status.NOT_FOUND)
                .entity(ProspectPages.notFound(formId))
                .build();
    }
}
