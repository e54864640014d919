package io.leadgate.forms.definition;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A text shown to people, either one string for every language or one string per language. */
@JsonDeserialize(using = Text.Deserializer.class)
public record Text(Map<String, String> byLanguage) {

    /** The key under which a plain string, valid in every language, is kept. */
    static final String ANY_LANGUAGE = "*";

    public Text {
        byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    public static Text of(String text) {
        return new Text(Map.of(ANY_LANGUAGE, text));
    }

    /** The text in that language, else the one for every language, else the first one written. */
    public String in(String language) {
        String text = byLanguage.get(language);
        if (text == null) {
            text = byLanguage.get(ANY_LANGUAGE);
        }
        return text != null ? text : byLanguage.values().iterator().next();
    }

    /** The languages this text was written in explicitly; empty for a plain string. */
    public Set<String> languages() {
        return byLanguage.containsKey(ANY_LANGUAGE) ? Set.of() : byLanguage.keySet();
    }

    @Override
    public String toString() {
        return byLanguage.toString();
    }

    static final class Deserializer extends JsonDeserializer<Text> {
        @Override
        public Text deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                Map<String, String> texts = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String language = parser.currentName();
                    parser.nextToken();
                    texts.put(language, parser.getValueAsString());
                }
                return new Text(texts);
            }
            return Text.of(parser.getValueAsString());
        }
    }
}
