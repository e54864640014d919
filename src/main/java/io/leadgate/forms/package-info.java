/**
 * Forms as code: loads every questionnaire and nurture sequence file from the forms folder, checks it against the
 * JSON Schema and the semantic checks with positions a marketer can act on, keeps the valid ones serving when another
 * breaks, reloads on change, archives each version served, and answers for webhook endpoints by key. The store keeps
 * forms and sequences in PostgreSQL as versions and drafts (FormStore, FormStudio), serves studio documents on every
 * instance (reloaded on NOTIFY), and edits YAML text in place for the visual view (YamlEdits).
 */
package io.leadgate.forms;
