package io.leadgate.leads;

/** Why one answer was refused, in words for the prospect; {@code question} is null for a problem with the whole submission. */
public record AnswerError(String question, String message) {}
