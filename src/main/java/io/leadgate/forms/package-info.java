/**
 * Forms as code: loads every questionnaire and nurture sequence file from the forms folder, checks it against the
 * JSON Schema and the semantic checks with positions a marketer can act on, keeps the valid ones serving when another
 * breaks, reloads on change, archives each version served, and answers for webhook endpoints by key.
 */
package io.leadgate.forms;
