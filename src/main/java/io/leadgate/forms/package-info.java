/**
 * Forms as code: loads every questionnaire file from the forms folder, validates it with positions a marketer can
 * act on, keeps the valid ones serving when another breaks, and reloads on change.
 */
package io.leadgate.forms;
