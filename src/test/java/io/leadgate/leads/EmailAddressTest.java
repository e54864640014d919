package io.leadgate.leads;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One mailbox, one key: case, IDN domains and plus-tags never split a person into two leads. */
class EmailAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ana@acme.example, ana@acme.example",
        "Ana@ACME.Example, ana@acme.example",
        "'  ana@acme.example ', ana@acme.example",
        "ana+newsletter@acme.example, ana@acme.example",
        "ANA+a+b@acme.example, ana@acme.example",
        "jörg@bücher.example, jörg@xn--bcher-kva.example",
        "jörg@BÜCHER.example, jörg@xn--bcher-kva.example",
        "jörg@xn--bcher-kva.example, jörg@xn--bcher-kva.example",
        "first.last@sub.acme.example, first.last@sub.acme.example"
    })
    void keysAreNormalized(String typed, String key) {
        assertEquals(key, EmailAddress.key(typed));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ana",
                "ana@",
                "@acme.example",
                "ana@acme",
                "ana@@acme.example",
                "ana@acme..example",
                ".ana@acme.example",
                "ana.@acme.example",
                "an..a@acme.example",
                "ana@acme.example\r\nBcc: x@y.example",
                "ana@acme.example\u0000",
                "ana @acme.example",
                "ana@-acme.example",
                "<ana@acme.example>"
            })
    void nonAddressesAreRefused(String typed) {
        assertTrue(EmailAddress.clean(typed).isEmpty(), typed);
    }
}
