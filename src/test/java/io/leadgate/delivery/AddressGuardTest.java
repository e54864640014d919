package io.leadgate.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every SSRF case of RELIABILITY.md is refused; a fake resolver decides the addresses, so nothing leaves this test. */
class AddressGuardTest {

    private static AddressGuard resolvingTo(String... addresses) {
        return new AddressGuard(
                host -> {
                    List<InetAddress> resolved = new java.util.ArrayList<>();
                    for (String address : addresses) {
                        resolved.add(InetAddress.getByName(address));
                    }
                    return resolved;
                },
                false,
                false);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.254",
                "224.0.0.1",
                "239.255.255.250",
                "0.0.0.0",
                "255.255.255.255",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "ff02::1",
                "::",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "192.0.0.8",
                "198.18.0.1"
            })
    void internalAddressesAreRefused(String address) {
        AddressGuard.Refused refused = assertThrows(
                AddressGuard.Refused.class,
                () -> resolvingTo(address).check(URI.create("https://hooks.example.com/lead")));
        assertTrue(refused.isPermanent());
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnough() {
        assertThrows(
                AddressGuard.Refused.class,
                () -> resolvingTo("93.184.216.34", "10.0.0.5").check(URI.create("https://hooks.example.com/")));
    }

    @Test
    void aPublicAddressIsReturnedForTheConnection() throws Exception {
        assertEquals(
                InetAddress.getByName("93.184.216.34"),
                resolvingTo("93.184.216.34").check(URI.create("https://hooks.example.com/x")));
        assertEquals(
                InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"),
                resolvingTo("2606:2800:220:1:248:1893:25c8:1946").check(URI.create("https://hooks.example.com/x")));
    }

    @Test
    void plainHttpAndOddUrlsAreRefused() {
        assertThrows(
                AddressGuard.Refused.class,
                () -> resolvingTo("93.184.216.34").check(URI.create("http://hooks.example.com/")));
        assertThrows(
                AddressGuard.Refused.class,
                () -> resolvingTo("93.184.216.34").check(URI.create("ftp://hooks.example.com/")));
        assertThrows(
                AddressGuard.Refused.class,
                () -> resolvingTo("93.184.216.34").check(URI.create("https://user:pw@hooks.example.com/")));
        assertThrows(
                AddressGuard.Refused.class, () -> resolvingTo("93.184.216.34").check(URI.create("file:///etc/passwd")));
    }

    @Test
    void aNameThatDoesNotResolveIsRetriedLaterNotFailed() {
        AddressGuard guard = new AddressGuard(
                host -> {
                    throw new UnknownHostException(host);
                },
                false,
                false);
        assertFalse(assertThrows(AddressGuard.Refused.class, () -> guard.check(URI.create("https://nowhere.example/")))
                .isPermanent());
    }

    @Test
    void theChecksRunAtEveryAttemptSoARebindingIsCaught() throws Exception {
        String[] answer = {"93.184.216.34"};
        AddressGuard guard = new AddressGuard(host -> List.of(InetAddress.getByName(answer[0])), false, false);
        guard.check(URI.create("https://rebind.example/"));
        answer[0] = "127.0.0.1";
        assertThrows(AddressGuard.Refused.class, () -> guard.check(URI.create("https://rebind.example/")));
    }
}
