package io.leadgate.testing;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormLoader;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.SecretReferences;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;

import java.nio.charset.StandardCharsets;

/** Forms written inline in tests, loaded exactly as files in forms/ are. */
public final class TestForms {

    private TestForms() {}

    public static FormDefinition parse(String yaml) {
        String id = yaml.lines()
                .filter(l -> l.startsWith("id: "))
                .findFirst()
                .orElseThrow()
                .substring(4)
                .strip();
        LoadedForm loaded = new FormLoader(SecretReferences.NONE, false)
                .load(id, id + ".yaml", yaml.getBytes(StandardCharsets.UTF_8));
        if (loaded instanceof BrokenForm broken) {
            throw new AssertionError(broken.problems().toString());
        }
        return ((ValidForm) loaded).definition();
    }
}
