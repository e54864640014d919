package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.Set;

/**
 * A knockout reason: the words sales read, and where a knocked-out lead goes (disqualified by default, or nurture,
 * optionally to a sequence of its own). Written as a text, or as {@code reason}, {@code route} and {@code sequence}.
 */
@JsonDeserialize(using = Knockout.Deserializer.class)
public record Knockout(Text reason, Route route, String sequence) {

    /** Where a lead knocked out for this reason goes. */
    public enum Route {
        @JsonProperty("disqualified")
        DISQUALIFIED,
        @JsonProperty("nurture")
        NURTURE
    }

    public Knockout {
        route = route == null ? Route.DISQUALIFIED : route;
    }

    public boolean nurtures() {
        return route == Route.NURTURE;
    }

    static final class Deserializer extends JsonDeserializer<Knockout> {

        private static final Set<String> FIELDS = Set.of("reason", "route", "sequence");

        @Override
        public Knockout deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            boolean routed = node.isObject() && node.propertyStream().anyMatch(e -> FIELDS.contains(e.getKey()));
            if (!routed) {
                return new Knockout(parser.getCodec().treeToValue(node, Text.class), null, null);
            }
            JsonNode route = node.get("route");
            Route parsed = null;
            if (route != null && !route.isNull()) {
                parsed = switch (route.asText()) {
                    case "disqualified" -> Route.DISQUALIFIED;
                    case "nurture" -> Route.NURTURE;
                    default ->
                        throw context.weirdStringException(
                                route.asText(), Route.class, "route must be 'disqualified' or 'nurture'");
                };
            }
            JsonNode reason = node.get("reason");
            JsonNode sequence = node.get("sequence");
            return new Knockout(
                    reason == null ? null : parser.getCodec().treeToValue(reason, Text.class),
                    parsed,
                    sequence == null || sequence.isNull() ? null : sequence.asText());
        }
    }
}
