package io.leadgate.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Form bodies are read as browsers send them, and bytes that are not UTF-8 are refused rather than guessed. */
class FormBodyTest {

    @Test
    void fieldsKeepTheirOrderAndRepeats() {
        assertEquals(
                Optional.of(Map.of("a", List.of("1", "2"), "b", List.of("x y"), "c", List.of(""))),
                FormBody.parse("a=1&b=x+y&a=2&c"));
    }

    @Test
    void utf8IsDecoded() {
        assertEquals(
                Optional.of(Map.of("name", List.of("Chloé Müller"))), FormBody.parse("name=Chlo%C3%A9+M%C3%BCller"));
    }

    @Test
    void invalidUtf8AndBrokenEscapesAreRefused() {
        assertEquals(Optional.empty(), FormBody.parse("name=Acme%C3%28"));
        assertEquals(Optional.empty(), FormBody.parse("name=%E2%82"));
        assertEquals(Optional.empty(), FormBody.parse("name=100%"));
    }

    @Test
    void anEmptyBodyHasNoFields() {
        assertEquals(Optional.of(Map.of()), FormBody.parse(""));
    }
}
