package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.ThankYou;
import io.leadgate.forms.definition.VerdictRule;
import io.leadgate.forms.definition.VerdictRules;
import io.leadgate.scoring.Verdict;

/** What the thank-you page shows; {@code verdict} picks its look and is what the embed reports as the outcome. */
public record ThankYouView(
        ValidForm form,
        String lang,
        String verdict,
        String title,
        String message,
        String linkUrl,
        String linkLabel,
        String embedOrigin,
        String notice,
        String contact) {

    /** "Please confirm your email address", while a {@code verify-email} submission waits. */
    static ThankYouView unconfirmed(ValidForm form, String language, String embedOrigin) {
        PageMessages text = Translations.bundle(PageMessages.class, language);
        return new ThankYouView(
                form,
                language,
                "unconfirmed",
                text.confirmTitle(),
                text.confirmMessage(),
                null,
                null,
                embedOrigin,
                null,
                null);
    }

    /** The form's own thank-you for this verdict, or Leadgate's words where the form has none. */
    static ThankYouView of(ValidForm form, String language, Verdict verdict, String embedOrigin, String notice) {
        PageMessages text = Translations.bundle(PageMessages.class, language);
        VerdictRules rules = form.definition().verdicts();
        VerdictRule rule = switch (verdict) {
            case QUALIFIED -> rules.qualified();
            case NURTURE -> rules.nurture();
            case DISQUALIFIED -> rules.disqualified();
        };
        ThankYou thanks = rule.thankYou();
        String title =
                thanks != null && thanks.title() != null ? thanks.title().in(language) : defaultTitle(text, verdict);
        String message = thanks != null && thanks.message() != null
                ? thanks.message().in(language)
                : defaultMessage(text, verdict);
        String linkUrl = thanks != null && thanks.link() != null ? thanks.link().url() : null;
        String linkLabel =
                thanks != null && thanks.link() != null && thanks.link().label() != null
                        ? thanks.link().label().in(language)
                        : linkUrl;
        return new ThankYouView(
                form, language, verdict.key(), title, message, linkUrl, linkLabel, embedOrigin, notice, null);
    }

    /**
     * The same page naming the rep the prospect will meet ("Your contact is Ana") and, when the rep has a booking link,
     * offering it instead of the form's link ("Book a meeting with Ana").
     */
    ThankYouView withMeeting(String repName, String bookingUrl) {
        PageMessages text = Translations.bundle(PageMessages.class, lang);
        boolean named = repName != null && !repName.isBlank();
        return new ThankYouView(
                form,
                lang,
                verdict,
                title,
                message,
                bookingUrl != null ? bookingUrl : linkUrl,
                bookingUrl == null ? linkLabel : named ? text.bookWith(repName) : text.bookMeeting(),
                embedOrigin,
                notice,
                named ? text.yourContact(repName) : null);
    }

    private static String defaultTitle(PageMessages text, Verdict verdict) {
        return switch (verdict) {
            case QUALIFIED -> text.qualifiedTitle();
            case NURTURE -> text.nurtureTitle();
            case DISQUALIFIED -> text.disqualifiedTitle();
        };
    }

    private static String defaultMessage(PageMessages text, Verdict verdict) {
        return switch (verdict) {
            case QUALIFIED -> text.qualifiedMessage();
            case NURTURE -> text.nurtureMessage();
            case DISQUALIFIED -> text.disqualifiedMessage();
        };
    }
}
