package io.leadgate.forms.definition;

/** Where qualified leads are routed. */
public record Routing(Route qualified) {
    public static final Routing NONE = new Routing(null);

    public Routing {
        qualified = qualified == null ? Route.NONE : qualified;
    }
}
