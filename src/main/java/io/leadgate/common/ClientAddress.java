package io.leadgate.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/** The unit that rate limits count a client address in: an IPv4 address, or the /64 network of an IPv6 one. */
public final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {}

    /**
     * One person on IPv6 usually holds a whole /64, so counting single addresses there would give them billions of
     * fresh allowances.
     */
    public static String bucket(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String literal =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            // A literal of hex digits, colons and dots never causes a DNS lookup.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            return HexFormat.of().formatHex(Arrays.copyOf(bytes, IPV6_NETWORK_BYTES)) + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
