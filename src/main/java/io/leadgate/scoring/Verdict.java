package io.leadgate.scoring;

/** What happens to a lead: straight to sales, into nurture, or a kind no. */
public enum Verdict {
    QUALIFIED,
    NURTURE,
    DISQUALIFIED;

    public String key() {
        return name().toLowerCase();
    }

    /** The verdict a stored key names. */
    public static Verdict of(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
