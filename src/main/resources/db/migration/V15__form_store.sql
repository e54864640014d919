-- Forms and nurture sequences as documents every instance serves: immutable published versions plus at most one
-- draft each. Files in the forms folder are imported as versions of the documents they manage (read-only elsewhere).
CREATE TABLE form_document (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(10)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    managed_in_file VARCHAR(500),
    draft           TEXT,
    draft_revision  INTEGER NOT NULL DEFAULT 0,
    draft_saved_by  VARCHAR(320),
    draft_saved_at  TIMESTAMP WITH TIME ZONE,
    retired_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT form_document_name UNIQUE (kind, name)
);

CREATE TABLE form_document_version (
    id             BIGSERIAL PRIMARY KEY,
    document_id    BIGINT NOT NULL REFERENCES form_document (id),
    version_number INTEGER NOT NULL,
    content        TEXT NOT NULL,
    content_hash   VARCHAR(64) NOT NULL,
    published_by   VARCHAR(320) NOT NULL,
    published_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT form_document_version_number UNIQUE (document_id, version_number)
);

-- Who changed which document, how and when: drafts saved, versions published, restored or imported from files.
CREATE TABLE form_audit (
    id          BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES form_document (id),
    action      VARCHAR(20) NOT NULL,
    actor       VARCHAR(320) NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    detail      VARCHAR(500)
);
CREATE INDEX form_audit_document ON form_audit (document_id, occurred_at);
