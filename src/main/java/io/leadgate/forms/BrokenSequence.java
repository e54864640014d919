package io.leadgate.forms;

import java.util.List;

/** A sequence file that cannot be sent from, with every problem found in it; its enrolled leads wait for a fix. */
public record BrokenSequence(String id, String file, List<FormProblem> problems) implements LoadedSequence {
    public BrokenSequence {
        problems = List.copyOf(problems);
    }
}
