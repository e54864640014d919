package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.forms.FormAudit;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Forms or sequences kept in the store, for pipelines and the studio: save a draft, publish it, list and download
 * versions, restore one, read the audit log. Documents managed by files are read-only here.
 */
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public abstract class DocumentApiResource {

    /** YAML as pipelines send and download it. */
    public static final String YAML = "application/yaml";

    /** A saved draft and what stands between it and publishing. */
    public record SavedDraft(int revision, boolean publishable, List<Finding> problems) {}

    /** One problem at its place in the document. */
    public record Finding(int line, int column, String message, String fix) {
        static Finding of(FormProblem problem) {
            return new Finding(problem.line(), problem.column(), problem.message(), problem.fix());
        }
    }

    /** A version in the history. */
    public record Version(int version, String publishedBy, Instant publishedAt, String contentHash) {}

    /** A published version's number. */
    public record Published(int version) {}

    /** One change on the audit log. */
    public record Change(String action, String actor, Instant at, String detail) {}

    private final FormStudio studio;
    private final FormStore store;
    private final SecurityIdentity identity;
    private final Kind kind;
    private final String plural;

    DocumentApiResource(FormStudio studio, FormStore store, SecurityIdentity identity, Kind kind) {
        this.studio = studio;
        this.store = store;
        this.identity = identity;
        this.kind = kind;
        this.plural = kind == Kind.FORM ? "forms" : "sequences";
    }

    @GET
    @Path("draft")
    @Produces(YAML)
    @Operation(
            summary = "The draft's YAML (or the latest version's, when there is no draft), with its revision as ETag")
    public Response draft(@PathParam("formId") String name) {
        return answer(() -> store.draft(kind, name)
                .map(draft -> {
                    String text = draft.content() != null
                            ? draft.content()
                            : store.latest(kind, name).orElse("");
                    Response.ResponseBuilder response =
                            Response.ok(text, YAML).header("ETag", "\"" + draft.revision() + "\"");
                    if (draft.managedInFile() != null) {
                        response.header("Leadgate-Managed-In-File", draft.managedInFile());
                    }
                    return response.build();
                })
                .orElseGet(() -> notFound(name)));
    }

    @PUT
    @Path("draft")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Save the draft (YAML body); If-Match names the revision you started from, and a newer one is a"
                    + " 409 conflict")
    public Response saveDraft(@PathParam("formId") String name, @HeaderParam("If-Match") String ifMatch, byte[] body) {
        return answer(() -> {
            FormStudio.Saved saved = studio.saveDraft(kind, name, body, revision(ifMatch), actor());
            return Response.ok(new SavedDraft(
                            saved.revision(),
                            saved.problems().isEmpty(),
                            saved.problems().stream().map(Finding::of).toList()))
                    .header("ETag", "\"" + saved.revision() + "\"")
                    .build();
        });
    }

    @POST
    @Path("publish")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the draft as the next version; 422 with the problems when it is not valid")
    public Response publish(@PathParam("formId") String name) {
        return answer(() -> published(name, studio.publish(kind, name, actor())));
    }

    @GET
    @Path("versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every published version, newest first, with who published it and when")
    public Response versions(@PathParam("formId") String name) {
        return answer(() -> Response.ok(store.versions(kind, name).stream()
                        .map(v -> new Version(v.number(), v.publishedBy(), v.publishedAt(), v.contentHash()))
                        .toList())
                .build());
    }

    @GET
    @Path("versions/{version}")
    @Produces(YAML)
    @Operation(summary = "Download one version's YAML")
    public Response version(@PathParam("formId") String name, @PathParam("version") int version) {
        return answer(() -> store.version(kind, name, version)
                .map(text -> Response.ok(text, YAML)
                        .header("Content-Disposition", "attachment; filename=\"" + name + "-v" + version + ".yaml\"")
                        .build())
                .orElseGet(() -> Problem.of(404, "No such version", "'" + name + "' has no version " + version + ".")
                        .response()));
    }

    @POST
    @Path("versions/{version}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish an earlier version's text again, as the next version")
    public Response restore(@PathParam("formId") String name, @PathParam("version") int version) {
        return answer(() -> published(name, studio.restore(kind, name, version, actor())));
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every change to the document, newest first")
    public Response audit(@PathParam("formId") String name) {
        return answer(() -> Response.ok(store.audit(kind, name).stream()
                        .map(DocumentApiResource::change)
                        .toList())
                .build());
    }

    private static Change change(FormAudit entry) {
        return new Change(entry.action, entry.actor, entry.occurredAt, entry.detail);
    }

    private Response published(String name, int version) {
        return Response.created(URI.create("/api/" + plural + "/" + name + "/versions/" + version))
                .entity(new Published(version))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (FormStore.Refusal refusal) {
            return Problem.of(refusal.status, title(refusal.status), refusal.getMessage())
                    .response();
        } catch (FormStudio.Invalid invalid) {
            return Response.status(422)
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem(
                            "about:blank",
                            "The document cannot be published",
                            422,
                            "Fix these problems, save the draft and publish again.",
                            invalid.problems.stream()
                                    .map(p -> new Problem.FieldError(
                                            p.line() + ":" + p.column(), p.message() + ". Fix: " + p.fix()))
                                    .toList()))
                    .build();
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            default -> "Not accepted";
        };
    }

    private Response notFound(String name) {
        return Problem.of(404, "Not found", "There is no " + kind.key() + " called '" + name + "'.")
                .response();
    }

    private static Integer revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        try {
            return Integer.valueOf(ifMatch.strip().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new FormStore.Refusal(400, "If-Match must be the ETag the draft was loaded with, such as \"3\".");
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
