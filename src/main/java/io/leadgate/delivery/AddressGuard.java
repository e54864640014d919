package io.leadgate.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from reaching inside the network (SSRF): marketers type these URLs. Every address a name resolves
 * to must be public; the caller then connects to the address checked here, so a second DNS answer cannot differ.
 */
public final class AddressGuard {

    /** Resolves a host name; tests pass a fake one so that no traffic leaves loopback. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Why a URL may not be called. */
    public static final class Refused extends Exception {
        private final boolean permanent;

        public Refused(String message) {
            this(message, true);
        }

        Refused(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        /** False for a name that does not resolve now: DNS may answer later. */
        public boolean isPermanent() {
            return permanent;
        }
    }

    private final Resolver resolver;
    private final boolean allowPrivate;
    private final boolean allowHttp;

    public AddressGuard(Resolver resolver, boolean allowPrivate, boolean allowHttp) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
        this.allowHttp = allowHttp;
    }

    /** The address to connect to for this URL, checked; refused if the URL or any address it resolves to is not allowed. */
    public InetAddress check(URI url) throws Refused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new Refused("only https URLs are called");
        }
        if (url.getHost() == null || url.getUserInfo() != null) {
            throw new Refused("the URL has no plain host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the host does not resolve", false);
        }
        if (addresses.isEmpty()) {
            throw new Refused("the host does not resolve", false);
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && isInternal(address)) {
                throw new Refused("the host resolves to an internal address (" + address.getHostAddress() + ")");
            }
        }
        return addresses.getFirst();
    }

    /** Loopback, private, link-local, CGNAT, multicast, unique-local, unspecified, and IPv4 hidden in IPv6. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0
                    || first >= 240 // "this network", reserved and broadcast
                    || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64.0.0/10
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc; // fc00::/7
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= bytes[i] == 0;
            }
            boolean v4Inside = mappedOrCompatible
                    && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0));
            boolean nat64 = (bytes[0] & 0xff) == 0x00
                    && (bytes[1] & 0xff) == 0x64
                    && (bytes[2] & 0xff) == 0xff
                    && (bytes[3] & 0xff) == 0x9b;
            if (v4Inside || nat64) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }
}
