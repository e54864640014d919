package io.leadgate.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery error as a person reads it: what happened, in words, and what happens next or what to do; the raw error
 * stays available to administrators.
 */
public final class DeliveryErrors {

    private static final Pattern ADDRESS = Pattern.compile("(?:/|\\b)([\\w.-]+|\\[[0-9a-fA-F:]+]):(\\d{1,5})\\b");
    private static final Pattern RESOLVE = Pattern.compile("(?i)failed to resolve\\W+'?([\\w.-]+)");
    private static final Pattern UNKNOWN_HOST = Pattern.compile("UnknownHostException\\W+([\\w.-]+)");
    private static final Pattern SMTP = Pattern.compile("SMTP (\\d{3})\\s*(.*)", Pattern.DOTALL);
    private static final Pattern HTTP = Pattern.compile("(?:HTTP )?(\\d{3})\\b.*");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private DeliveryErrors() {}

    /**
     * The sentence for one error.
     *
     * @param channel {@code email}, {@code webhook}, {@code slack} or {@code teams} (any case)
     * @param error the raw error as stored, or null
     * @param retryAt when Leadgate tries again, or null when it has stopped trying
     */
    public static String explain(String channel, String error, Instant retryAt) {
        if (error == null || error.isBlank()) {
            return "";
        }
        String next = retryAt == null
                ? " Leadgate has stopped trying: fix the cause, then replay the message."
                : " Leadgate will try again at " + TIME.format(retryAt) + ".";
        return what(channel == null ? "" : channel.toLowerCase(java.util.Locale.ROOT), error.strip()) + next;
    }

    /** The sentence without what happens next, for an attempt in the log. */
    public static String explain(String channel, String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        return what(channel == null ? "" : channel.toLowerCase(java.util.Locale.ROOT), error.strip());
    }

    private static String what(String channel, String error) {
        boolean email = channel.equals("email");
        String peer = email ? "The mail server" : "The receiving server";
        Matcher smtp = SMTP.matcher(error);
        if (smtp.matches()) {
            int code = Integer.parseInt(smtp.group(1));
            String reply = smtp.group(2).strip();
            return (code >= 500
                            ? "The mail server refused this message for good (SMTP " + code + "): " + reply + "."
                                    + " Check the recipient's address; the server will not accept it as it is."
                            : "The mail server could not take the message for now (SMTP " + code + "): " + reply + ".")
                    .replace("..", ".");
        }
        String lower = error.toLowerCase(java.util.Locale.ROOT);
        String host = first(RESOLVE, error);
        host = host != null ? host : first(UNKNOWN_HOST, error);
        if (host != null || lower.contains("nodename nor servname") || lower.contains("name or service not known")) {
            host = host != null ? host : "of the server";
            return "The name " + host + " could not be found (DNS). Check the " + (email ? "mail server" : "address")
                    + " setting for a typo, or whether that name exists.";
        }
        if (lower.equals("endpoint disabled")) {
            return "Not sent: this webhook endpoint is switched off (it kept failing, or asked to stop). Switch it on"
                    + " under Disabled webhook endpoints, then replay the message.";
        }
        if (lower.contains("no longer in its form")) {
            return "Not sent: the form no longer has this webhook. Nothing to do unless it was removed by mistake.";
        }
        if (lower.contains("does not resolve")) {
            return "The receiver's host name could not be found (DNS). Check the webhook address in the form for a"
                    + " typo, or whether that name exists.";
        }
        String at = address(error);
        if (lower.contains("connection refused")) {
            return peer + (at == null ? "" : " at " + at) + " refused the connection: nothing is listening there,"
                    + " or a firewall says no. Check that the server is running and the port is right.";
        }
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("did not answer within")) {
            return peer + (at == null ? "" : " at " + at) + " did not answer in time. It may be overloaded or"
                    + " unreachable from here.";
        }
        if (lower.contains("ssl")
                || lower.contains("tls")
                || lower.contains("handshake")
                || lower.contains("certificat")) {
            return "The secure connection" + (at == null ? "" : " to " + at) + " failed: the server's certificate"
                    + " is not trusted or its TLS settings do not match.";
        }
        if (lower.contains("connection reset") || lower.contains("broke off") || lower.contains("closed")) {
            return peer + (at == null ? "" : " at " + at) + " closed the connection before answering.";
        }
        if (lower.startsWith("refused: ")) {
            return "Leadgate refused to send there: " + error.substring("refused: ".length())
                    + ". Webhooks go only to public addresses; change the form's webhook address.";
        }
        if (lower.contains("suppression list")) {
            return "Not sent on purpose: the recipient unsubscribed or their address bounced before.";
        }
        if (lower.contains("redirect")) {
            return peer + " answered with a redirect, which Leadgate does not follow: put the final address in the"
                    + " form.";
        }
        if (lower.startsWith("410")) {
            return peer + " answered 410 Gone: it asked Leadgate to stop, so the endpoint is switched off until an"
                    + " administrator switches it on again.";
        }
        Matcher http = HTTP.matcher(error);
        if (http.matches()) {
            int status = Integer.parseInt(http.group(1));
            return peer + " answered HTTP " + status + ": " + httpMeaning(status);
        }
        return "The delivery failed: " + error;
    }

    private static String httpMeaning(int status) {
        return switch (status) {
            case 400 -> "it did not accept the request's content (check what the receiver expects).";
            case 401, 403 -> "it refused our credentials; check the webhook secret or token on both sides.";
            case 404 -> "no such address; check the webhook URL in the form.";
            case 408 -> "it gave up waiting for the request.";
            case 413 -> "the message was too large for it.";
            case 429 -> "too many requests; Leadgate waits as the receiver asks.";
            default ->
                status >= 500
                        ? "an error on the receiver's side; it usually passes by itself."
                        : "the receiver did not accept the message.";
        };
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The host and port an error names, as {@code host:port}. */
    private static String address(String error) {
        Matcher matcher = ADDRESS.matcher(error);
        String found = null;
        while (matcher.find()) {
            found = matcher.group(1) + ":" + matcher.group(2);
        }
        return found;
    }
}
