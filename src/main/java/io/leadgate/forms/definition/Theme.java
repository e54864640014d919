package io.leadgate.forms.definition;

/** How a form looks: colours, logo and font family. */
public record Theme(
        String primaryColor, String backgroundColor, String textColor, String logo, Text logoAlt, String font) {
    public static final Theme DEFAULT = new Theme(null, null, null, null, null, null);

    public Theme {
        primaryColor = primaryColor == null ? "#1d4ed8" : primaryColor;
        backgroundColor = backgroundColor == null ? "#ffffff" : backgroundColor;
        textColor = textColor == null ? "#111827" : textColor;
        font = font == null ? "system" : font;
    }
}
