package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.forms.FormProblem;
import io.leadgate.leads.SalesAlert;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The pages a prospect sees, each rendered with Leadgate's own words in the page's language. */
final class ProspectPages {

    private ProspectPages() {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(FormView v);

        static native TemplateInstance thankYou(ThankYouView v);

        static native TemplateInstance unavailable(String formId, List<FormProblem> problems);

        static native TemplateInstance notFound(String formId);

        static native TemplateInstance refused(String title, String message, String lang);

        static native TemplateInstance talk(String token, String lang);

        static native TemplateInstance verify(
                String token, List<SalesAlert.AnswerLine> answers, Boolean waiting, String lang);
    }

    static TemplateInstance form(FormView view) {
        return in(Templates.form(view), view.lang());
    }

    static TemplateInstance thankYou(ThankYouView view) {
        return in(Templates.thankYou(view), view.lang());
    }

    static TemplateInstance unavailable(String formId, List<FormProblem> problems) {
        return Templates.unavailable(formId, problems);
    }

    static TemplateInstance notFound(String formId) {
        return Templates.notFound(formId);
    }

    static TemplateInstance refused(String title, String message, String lang) {
        return in(Templates.refused(title, message, lang), lang);
    }

    static TemplateInstance verify(String token, List<SalesAlert.AnswerLine> answers, boolean waiting, String lang) {
        return in(Templates.verify(token, answers, waiting, lang), lang);
    }

    static TemplateInstance talk(String token, String lang) {
        return in(Templates.talk(token, lang), lang);
    }

    private static TemplateInstance in(TemplateInstance page, String language) {
        return page.setLocale(Translations.locale(language));
    }
}
