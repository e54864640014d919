package io.leadgate.forms.definition;

/** One verdict's threshold (lowest total score) and its thank-you content. */
public record VerdictRule(Integer min, ThankYou thankYou) {}
