package io.leadgate.forms;

import io.leadgate.forms.definition.Theme;

/** The theme: colour contrast that WCAG AA requires, and a described logo. */
final class ThemeChecks extends FormCheck {

    private static final double MIN_CONTRAST = 4.5;

    ThemeChecks(FormCheck shared) {
        super(shared);
    }

    void checkTheme() {
        Theme theme = form.theme();
        double textContrast = contrast(theme.textColor(), theme.backgroundColor());
        if (textContrast < MIN_CONTRAST) {
            problem(
                    "/theme/text-color",
                    String.format(
                            "text on the background has a contrast of %.1f:1, below the 4.5:1 "
                                    + "that WCAG AA requires",
                            textContrast),
                    "darken the text colour or lighten the background.");
        }
        double buttonContrast = contrast("#ffffff", theme.primaryColor());
        if (buttonContrast < MIN_CONTRAST) {
            problem(
                    "/theme/primary-color",
                    String.format(
                            "white button text on the primary colour has a contrast of " + "%.1f:1, below 4.5:1",
                            buttonContrast),
                    "pick a darker primary colour.");
        }
        if (theme.logo() != null) {
            new UrlChecks(this).url("/theme/logo", theme.logo(), true);
            if (theme.logoAlt() == null) {
                problem(
                        "/theme",
                        "the logo has no 'logo-alt' text for screen readers",
                        "add 'logo-alt: Company name'.");
            }
        }
        text("/theme/logo-alt", theme.logoAlt());
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
