package io.leadgate.admin;

import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Forms in the store: drafts, publishing, versions and their audit log, for pipelines and the studio. */
@Path("/api/forms/{formId}")
@Tag(name = "Forms in the store")
public class FormDocumentApiResource extends DocumentApiResource {

    FormDocumentApiResource(FormStudio studio, FormStore store, SecurityIdentity identity) {
        super(studio, store, identity, Kind.FORM);
    }
}
