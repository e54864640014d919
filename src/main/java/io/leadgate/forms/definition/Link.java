package io.leadgate.forms.definition;

/** A link shown to a prospect, such as a booking page. */
public record Link(String url, Text label) {}
