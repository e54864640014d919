-- Every version of every form that was ever served, so a submission can show exactly what was asked.
CREATE TABLE form_version (
    id              BIGSERIAL PRIMARY KEY,
    form_id         VARCHAR(100) NOT NULL,
    version         VARCHAR(100) NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL,
    source          TEXT         NOT NULL,
    first_loaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT form_version_content UNIQUE (form_id, content_hash)
);
