package io.leadgate.forms;

import java.util.List;

/** A form file that cannot be served, with every problem found in it. */
public record BrokenForm(String id, String file, List<FormProblem> problems) implements LoadedForm {
    public BrokenForm {
        problems = List.copyOf(problems);
    }
}
