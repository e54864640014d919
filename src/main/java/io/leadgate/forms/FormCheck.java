package io.leadgate.forms;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every check of a form shares: the form, whether plain-http URLs are allowed, the findings so far, and the
 * rule that every text is written in each of the form's languages.
 */
abstract class FormCheck {

    final FormDefinition form;
    final boolean allowInsecureUrls;
    final List<Finding> findings;

    FormCheck(FormDefinition form, boolean allowInsecureUrls, List<Finding> findings) {
        this.form = form;
        this.allowInsecureUrls = allowInsecureUrls;
        this.findings = findings;
    }

    FormCheck(FormCheck shared) {
        this(shared.form, shared.allowInsecureUrls, shared.findings);
    }

    void problem(String pointer, String message, String fix) {
        findings.add(Finding.at(pointer, message, fix));
    }

    void text(String pointer, Text text) {
        if (text == null) {
            return;
        }
        Set<String> written = text.languages();
        if (written.isEmpty()) {
            return;
        }
        for (String language : written) {
            if (!form.languages().contains(language)) {
                findings.add(Finding.atKey(
                        pointer + "/" + language,
                        "'" + language + "' is not among the form's languages " + form.languages(),
                        "add it to 'languages:' or remove this translation."));
            }
        }
        for (String language : form.languages()) {
            if (!written.contains(language)) {
                problem(pointer, "the " + language + " text is missing", "add '" + language + ": ...' to this text.");
            }
        }
    }

    Map<String, Question> allQuestions() {
        Map<String, Question> all = new HashMap<>();
        form.questions().forEach(q -> all.put(q.id(), q));
        return all;
    }
}
