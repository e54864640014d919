package io.leadgate.forms.definition;

/** What a prospect reads after submitting, per outcome. */
public record ThankYou(Text title, Text message, Link link) {}
