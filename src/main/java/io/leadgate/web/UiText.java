package io.leadgate.web;

import io.leadgate.leads.AnswerValidator;

import java.util.Map;

/** The words Leadgate itself puts on a form page, in the languages forms are written in most; English otherwise. */
public final class UiText {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en",
                    Map.ofEntries(
                            Map.entry("step", "Step %s of %s"),
                            Map.entry("back", "Back"),
                            Map.entry("next", "Next"),
                            Map.entry("send", "Send"),
                            Map.entry("sending", "Sending…"),
                            Map.entry("required", "required"),
                            Map.entry("choose", "Choose…"),
                            Map.entry("errors", "Please check %s answer(s)"),
                            Map.entry(
                                    "expired",
                                    "This page was open for a long time, so please send it once more. Your answers are kept."),
                            Map.entry("honeypot", "Leave this field empty"),
                            Map.entry("progress", "Progress"),
                            Map.entry("title.qualified", "Thank you! We'll be in touch shortly."),
                            Map.entry(
                                    "message.qualified",
                                    "Someone from our team will contact you within one business day."),
                            Map.entry("title.nurture", "Thanks for your answers"),
                            Map.entry("message.nurture", "We'll send you a few helpful resources by email."),
                            Map.entry("title.disqualified", "Thank you for your interest"),
                            Map.entry("message.disqualified", "We may not be the right fit for you right now."),
                            Map.entry("followUp", "Welcome back. Just these questions: everything else we still know."),
                            Map.entry("allSet.title", "You’re all set"),
                            Map.entry("allSet.message", "Our team already has your answers and will be in touch."),
                            Map.entry("invalidLink.title", "This link no longer works"),
                            Map.entry(
                                    "invalidLink.message",
                                    "It may be incomplete, or the questionnaire it belonged to has ended.")),
            "de",
                    Map.ofEntries(
                            Map.entry("step", "Schritt %s von %s"),
                            Map.entry("back", "Zurück"),
                            Map.entry("next", "Weiter"),
                            Map.entry("send", "Absenden"),
                            Map.entry("sending", "Wird gesendet…"),
                            Map.entry("required", "Pflichtfeld"),
                            Map.entry("choose", "Bitte wählen…"),
                            Map.entry("errors", "Bitte prüfen Sie %s Antwort(en)"),
                            Map.entry(
                                    "expired",
                                    "Diese Seite war lange geöffnet. Bitte senden Sie sie noch einmal; Ihre Antworten bleiben erhalten."),
                            Map.entry("honeypot", "Dieses Feld bitte leer lassen"),
                            Map.entry("progress", "Fortschritt"),
                            Map.entry("title.qualified", "Danke! Wir melden uns in Kürze."),
                            Map.entry(
                                    "message.qualified", "Unser Team meldet sich innerhalb eines Werktags bei Ihnen."),
                            Map.entry("title.nurture", "Danke für Ihre Antworten"),
                            Map.entry("message.nurture", "Wir schicken Ihnen ein paar hilfreiche Informationen."),
                            Map.entry("title.disqualified", "Vielen Dank für Ihr Interesse"),
                            Map.entry("message.disqualified", "Wir sind wohl gerade nicht die richtige Wahl für Sie."),
                            Map.entry("followUp", "Willkommen zurück. Nur diese Fragen: Alles andere wissen wir noch."),
                            Map.entry("allSet.title", "Alles erledigt"),
                            Map.entry(
                                    "allSet.message",
                                    "Unser Team hat Ihre Antworten bereits und meldet sich bei Ihnen."),
                            Map.entry("invalidLink.title", "Dieser Link funktioniert nicht mehr"),
                            Map.entry(
                                    "invalidLink.message",
                                    "Er ist vielleicht unvollständig, oder der Fragebogen wurde beendet.")));

    private final Map<String, String> texts;
    private final String language;

    private UiText(String language) {
        this.texts = TEXTS.getOrDefault(language, TEXTS.get("en"));
        this.language = language;
    }

    public static UiText in(String language) {
        return new UiText(language);
    }

    /** A text by key; "answer" and "consent" are the server's own validation messages, so both sides say the same. */
    public String get(String key) {
        return switch (key) {
            case "answer" -> AnswerValidator.messageIn(language, "required");
            case "consent" -> AnswerValidator.messageIn(language, "consent");
            default -> texts.get(key);
        };
    }

    public String step(int current, int total) {
        return String.format(texts.get("step"), current, total);
    }

    public String errors(int count) {
        return String.format(texts.get("errors"), count);
    }
}
