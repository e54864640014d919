package io.leadgate.forms;

import io.leadgate.forms.definition.FormDefinition;

/**
 * A form that passed every check. {@code version} is the declared version or, without one, the start of the
 * content hash; {@code contentHash} always identifies the exact file content that every submission records.
 */
public record ValidForm(
        String id, String file, FormDefinition definition, String version, String contentHash, String source)
        implements LoadedForm {

    @Override
    public String toString() {
        return "ValidForm[" + file + " version " + version + "]";
    }
}
