package io.leadgate.forms.definition;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ISO-8601 durations such as P90D, P2Y or PT30S; a year counts 365 days, a month 30. */
public final class IsoDuration {

    private static final Pattern FORMAT = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private IsoDuration() {}

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (text.equals("P") || text.endsWith("T") || !m.matches()) {
            throw new IllegalArgumentException("not an ISO-8601 duration: " + text);
        }
        long days = part(m, 1) * 365 + part(m, 2) * 30 + part(m, 3) * 7 + part(m, 4);
        return Duration.ofDays(days)
                .plusHours(part(m, 5))
                .plusMinutes(part(m, 6))
                .plusSeconds(part(m, 7));
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** Binds duration fields of the form format. */
    public static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parse(parser.getValueAsString());
        }
    }
}
