package io.leadgate.web;

import java.util.Map;

/** The words Leadgate itself puts on a form page, in the languages forms are written in most; English otherwise. */
public final class UiText {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en", Map.ofEntries(
                    Map.entry("step", "Step %s of %s"),
                    Map.entry("back", "Back"),
                    Map.entry("next", "Next"),
                    Map.entry("send", "Send"),
                    Map.entry("sending", "Sending…"),
                    Map.entry("required", "required"),
                    Map.entry("choose", "Choose…"),
                    Map.entry("errors", "Please check %s answer(s)"),
                    Map.entry("expired", "This page was open for a long time, so please send it once more. Your answers are kept."),
                    Map.entry("honeypot", "Leave this field empty"),
                    Map.entry("progress", "Progress"),
                    Map.entry("answer", "Please answer this question."),
                    Map.entry("consent", "Please tick this box to continue.")),
            "de", Map.ofEntries(
                    Map.entry("step", "Schritt %s von %s"),
                    Map.entry("back", "Zurück"),
                    Map.entry("next", "Weiter"),
                    Map.entry("send", "Absenden"),
                    Map.entry("sending", "Wird gesendet…"),
                    Map.entry("required", "Pflichtfeld"),
                    Map.entry("choose", "Bitte wählen…"),
                    Map.entry("errors", "Bitte prüfen Sie %s Antwort(en)"),
                    Map.entry("expired", "Diese Seite war lange geöffnet. Bitte senden Sie sie noch einmal; Ihre Antworten bleiben erhalten."),
                    Map.entry("honeypot", "Dieses Feld bitte leer lassen"),
                    Map.entry("progress", "Fortschritt"),
                    Map.entry("answer", "Bitte beantworten Sie diese Frage."),
                    Map.entry("consent", "Bitte setzen Sie das Häkchen, um fortzufahren.")));

    private final Map<String, String> texts;

    private UiText(String language) {
        this.texts = TEXTS.getOrDefault(language, TEXTS.get("en"));
    }

    public static UiText in(String language) {
        return new UiText(language);
    }

    public String get(String key) {
        return texts.get(key);
    }

    public String step(int current, int total) {
        return String.format(texts.get("step"), current, total);
    }

    public String errors(int count) {
        return String.format(texts.get("errors"), count);
    }
}
