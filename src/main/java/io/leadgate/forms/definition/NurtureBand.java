package io.leadgate.forms.definition;

/** The nurture sequence for leads scoring at least {@code minScore}; without it, for every remaining score. */
public record NurtureBand(Integer minScore, String sequence) {}
