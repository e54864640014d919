package io.leadgate.forms;

/** A sequence file after loading: either ready to send, or broken with the problems to fix. */
public sealed interface LoadedSequence permits ValidSequence, BrokenSequence {

    /** The sequence id, taken from the file name. */
    String id();

    /** The file as a person would open it, e.g. {@code forms/sequences/saas-nurture.yaml}. */
    String file();
}
