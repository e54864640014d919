package io.leadgate.forms;

/** A form file after loading: either ready to serve, or broken with the problems to fix. */
public sealed interface LoadedForm permits ValidForm, BrokenForm {

    /** The form id, taken from the file name so that even a broken file has one. */
    String id();

    /** The file as a person would open it, e.g. {@code forms/demo-saas.yaml}. */
    String file();
}
