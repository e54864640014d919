package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.BrokenSequence;
import io.leadgate.forms.FormDocument;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.LoadedSequence;
import io.leadgate.forms.ValidSequence;
import io.leadgate.forms.definition.SequenceStep;
import io.leadgate.nurture.NurtureEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the nurture sequences do: each sequence's enrolments by state and each step's sent, visited, re-qualified and unsubscribed. */
@Path("/admin")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminNurtureResource {

    /** A sequence on the nurture page: its state, enrolments by status, and each step's counts. */
    public record SequenceView(
            String id,
            String name,
            String file,
            boolean valid,
            List<String> problems,
            Map<String, Long> enrolments,
            List<StepView> steps,
            Chart chart) {}

    public record StepView(
            String id, String subject, String delay, long sent, long clicked, long requalified, long unsubscribed) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance nurture(
                Viewer viewer, String section, List<SequenceView> sequences, List<String> drafts);
    }

    private final FormRegistry registry;
    private final FormStore store;
    private final EntityManager entities;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminNurtureResource(
            FormRegistry registry,
            FormStore store,
            EntityManager entities,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.registry = registry;
        this.store = store;
        this.entities = entities;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("nurture")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance nurture() {
        List<SequenceView> sequences = QuarkusTransaction.requiringNew()
                .call(() -> registry.sequences().stream().map(this::view).toList());
        return Templates.nurture(
                Viewer.of(identity, csrf), "nurture", sequences, store.unpublished(FormDocument.Kind.SEQUENCE));
    }

    private SequenceView view(LoadedSequence sequence) {
        Map<String, Long> enrolments = new LinkedHashMap<>();
        entities.createQuery(
                        "select e.status, count(e) from Enrolment e where e.sequenceId = ?1 group by e.status",
                        Object[].class)
                .setParameter(1, sequence.id())
                .getResultList()
                .forEach(row -> enrolments.put(row[0].toString().toLowerCase(), (Long) row[1]));
        if (!(sequence instanceof ValidSequence valid)) {
            List<String> problems = sequence instanceof BrokenSequence broken
                    ? broken.problems().stream().map(Object::toString).toList()
                    : List.of();
            return new SequenceView(
                    sequence.id(), sequence.id(), sequence.file(), false, problems, enrolments, List.of(), null);
        }
        Map<String, Map<String, Long>> counts = NurtureEvent.countsFor(valid.id());
        List<StepView> steps = valid.definition().steps().stream()
                .map(step -> step(step, counts.getOrDefault(step.id(), Map.of())))
                .toList();
        String name = valid.definition().name() == null
                ? valid.id()
                : valid.definition().name().in("en");
        Chart chart = Chart.of(
                "requalified-" + valid.id(),
                "Re-qualifications per step of " + name,
                steps,
                StepView::id,
                StepView::requalified,
                step -> String.valueOf(step.requalified()));
        return new SequenceView(valid.id(), name, valid.file(), true, List.of(), enrolments, steps, chart);
    }

    private static StepView step(SequenceStep step, Map<String, Long> counts) {
        String subjectLanguage = step.subject().languages().isEmpty()
                ? "en"
                : step.subject().languages().iterator().next();
        return new StepView(
                step.id(),
                step.subject().in(subjectLanguage),
                step.delay().toString().replace("PT", "").toLowerCase(),
                counts.getOrDefault("sent", 0L),
                counts.getOrDefault("clicked", 0L),
                counts.getOrDefault("requalified", 0L),
                counts.getOrDefault("unsubscribed", 0L));
    }
}
