package io.leadgate.web;

import io.leadgate.forms.ValidForm;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Any step of a form that is not served yet (a studio draft), drawn exactly as prospects would see it; it posts
 * nowhere that could store an answer and counts nothing in the funnel.
 */
@ApplicationScoped
public class DraftPreviews {

    public TemplateInstance step(ValidForm form, String language, int step, String previewPath) {
        int last = form.definition().steps().size() - 1;
        return ProspectPages.form(FormView.of(form, language, "draft-preview")
                .atStep(Math.clamp(step, 0, last))
                .postingTo(previewPath)
                .asPreview(true));
    }
}
