package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.EmailVerification;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The confirmation link of forms with {@code verify-email}: a GET only shows a button, because mail scanners fetch
 * every link; the POST confirms (once, however often it is sent) and leads to the submission's thank-you page. The
 * page shows the answers it would send, and the address's owner may delete them instead ("This wasn't me").
 */
@Path("/v/{token}")
public class VerifyResource {

    private final EmailVerification verification;
    private final FormRegistry registry;

    VerifyResource(EmailVerification verification, FormRegistry registry) {
        this.verification = verification;
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response open(@PathParam("token") String token) {
        Optional<EmailVerification.Confirmation> found =
                token.length() > 100 ? Optional.empty() : verification.look(token);
        if (found.isEmpty()) {
            return PrivateLinks.invalid();
        }
        EmailVerification.Confirmation link = found.get();
        String language = language(link);
        return switch (link.state()) {
            case WAITING ->
                PrivateLinks.noStore(Response.ok(ProspectPages.verify(token, link.answers(), true, language)));
            case CONFIRMED ->
                PrivateLinks.noStore(Response.ok(ProspectPages.verify(token, List.of(), false, language)));
            case EXPIRED -> expired(language);
            case UNAVAILABLE -> changed(language);
        };
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response confirm(@PathParam("token") String token) {
        Optional<EmailVerification.Confirmation> found =
                token.length() > 100 ? Optional.empty() : verification.confirm(token);
        if (found.isEmpty()) {
            return PrivateLinks.invalid();
        }
        EmailVerification.Confirmation link = found.get();
        String language = language(link);
        return switch (link.state()) {
            case CONFIRMED ->
                link.result() == null
                        ? expired(language)
                        : PrivateLinks.noStore(Response.seeOther(URI.create(
                                ThankYouLinks.path(link.formId(), link.result().submissionId()))));
            case EXPIRED, WAITING -> expired(language);
            case UNAVAILABLE -> changed(language);
        };
    }

    /** "This wasn't me": the held answers are deleted; a link already used or unknown changes nothing. */
    @POST
    @Path("discard")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response discard(@PathParam("token") String token) {
        Optional<EmailVerification.Confirmation> found =
                token.length() > 100 ? Optional.empty() : verification.look(token);
        if (found.isEmpty()) {
            return PrivateLinks.invalid();
        }
        String language = language(found.get());
        if (found.get().state() == EmailVerification.State.CONFIRMED || !verification.discard(token)) {
            return open(token);
        }
        PageMessages text = Translations.bundle(PageMessages.class, language);
        return PrivateLinks.noStore(Response.ok(
                ProspectPages.refused(text.verifyDiscardedTitle(), text.verifyDiscardedMessage(), language)));
    }

    private String language(EmailVerification.Confirmation link) {
        return registry.find(link.formId())
                .filter(ValidForm.class::isInstance)
                .map(form -> {
                    var languages = ((ValidForm) form).definition().languages();
                    return link.language() != null && languages.contains(link.language())
                            ? link.language()
                            : languages.getFirst();
                })
                .orElse("en");
    }

    private static Response expired(String language) {
        PageMessages text = Translations.bundle(PageMessages.class, language);
        return PrivateLinks.noStore(Response.status(410)
                .entity(ProspectPages.refused(text.verifyExpiredTitle(), text.verifyExpiredMessage(), language)));
    }

    private static Response changed(String language) {
        PageMessages text = Translations.bundle(PageMessages.class, language);
        return PrivateLinks.noStore(Response.status(409)
                .entity(ProspectPages.refused(text.verifyChangedTitle(), text.verifyChangedMessage(), language)));
    }
}
