package io.leadgate.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClientAddressTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertEquals("203.0.113.7", ClientAddress.bucket("203.0.113.7"));
        assertNull(ClientAddress.bucket(null));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        assertEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("[2001:DB8:1:2::9]"));
        assertNotEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("2001:db8:1:3::1"));
        assertEquals("20010db800010002/64", ClientAddress.bucket("2001:db8:1:2::1%eth0"));
    }

    @Test
    void mappedIpv4CountsAsIpv4() {
        assertEquals("192.0.2.1", ClientAddress.bucket("::ffff:192.0.2.1"));
    }
}
