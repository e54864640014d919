package io.leadgate.admin;

import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sequences in the store: drafts, publishing, versions and their audit log, for pipelines and the studio. */
@Path("/api/sequences/{formId}")
@Tag(name = "Sequences in the store")
public class SequenceDocumentApiResource extends DocumentApiResource {

    SequenceDocumentApiResource(FormStudio studio, FormStore store, SecurityIdentity identity) {
        super(studio, store, identity, Kind.SEQUENCE);
    }
}
