package io.leadgate.forms.definition;

import java.util.List;
import java.util.stream.IntStream;

/** The steps of a rating question and the words at its two ends. */
public record Scale(int min, int max, Text minLabel, Text maxLabel) {

    /** Every value a prospect can pick, lowest first. */
    public List<Integer> values() {
        return IntStream.rangeClosed(min, max).boxed().toList();
    }
}
