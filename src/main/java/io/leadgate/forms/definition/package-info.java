/**
 * The questionnaire format as immutable records, bound from the YAML files in {@code forms/} by the loader in
 * {@link io.leadgate.forms}. Field names map to kebab-case keys ({@code showIf} is {@code show-if}).
 */
package io.leadgate.forms.definition;
