package io.leadgate.forms.definition;

/** A sales rep who can be assigned leads. */
public record Rep(String email, String name, Integer weight, boolean away) {
    public Rep {
        weight = weight == null ? 1 : weight;
    }
}
