package io.leadgate.leads;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks email addresses (letters beyond ASCII allowed, as SMTPUTF8 mail servers do) and derives the key that finds a person again: lower case, the domain in its ASCII
 * (IDN) form, and any {@code +tag} dropped from the local part, for every domain alike.
 */
public final class EmailAddress {

    private static final Pattern LOCAL = Pattern.compile("^[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+$");
    private static final Pattern ASCII_DOMAIN =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]$");
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    /** The address as typed, trimmed, if it is one we can write to; else empty. */
    public static Optional<String> clean(String typed) {
        return parse(typed).map(Parsed::address);
    }

    /** The key under which a person's leads are kept: the same for every spelling of one mailbox. */
    public static String key(String address) {
        Parsed parsed = parse(address).orElseThrow(() -> new IllegalArgumentException("not an email address"));
        String local = parsed.address().substring(0, parsed.at()).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + "@" + parsed.asciiDomain();
    }

    /** A checked address: as typed and trimmed, where its {@code @} is, and its domain in ASCII (IDN) form. */
    private record Parsed(String address, int at, String asciiDomain) {}

    private static Optional<Parsed> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String address = typed.strip();
        int at = address.lastIndexOf('@');
        if (address.length() > MAX_LENGTH || at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        if (local.length() > 64
                || !LOCAL.matcher(local).matches()
                || local.startsWith(".")
                || local.endsWith(".")
                || local.contains("..")) {
            return Optional.empty();
        }
        return asciiDomain(address.substring(at + 1)).map(domain -> new Parsed(address, at, domain));
    }

    /**
     * The inbox a key's mail lands in, for counting what one inbox receives: Gmail ignores dots in the local part, so
     * {@code j.ane@} and {@code jane@} fill one inbox. (Leads stay keyed by {@link #key}.)
     */
    public static String mailbox(String emailKey) {
        int at = emailKey.lastIndexOf('@');
        String domain = emailKey.substring(at + 1);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            return emailKey.substring(0, at).replace(".", "") + "@gmail.com";
        }
        return emailKey;
    }

    private static Optional<String> asciiDomain(String domain) {
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ASCII_DOMAIN.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
