package io.leadgate.forms.definition;

/**
 * A sales rep who can be assigned leads, with an optional booking page ({@code booking-url}) whose placeholders are
 * filled with the prospect's answers (see {@code forms.BookingLinks}).
 */
public record Rep(String email, String name, Integer weight, boolean away, String bookingUrl) {
    public Rep {
        weight = weight == null ? 1 : weight;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Rep(String email, String name, Integer weight, boolean away) {
        this(email, name, weight, away, null);
    }
}
