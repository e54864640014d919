package io.leadgate.forms;

/** One sequence step rendered for one lead. */
public record RenderedEmail(String subject, String html, String text) {}
