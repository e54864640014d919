package io.leadgate.forms.definition;

/** One verdict's threshold (lowest total score) and thank-you content. */
public record Outcome(Integer min, ThankYou thankYou) {}
