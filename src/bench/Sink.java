import com.sun.net.httpserver.HttpServer;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback peers for the benchmark and the production proof: a webhook receiver and an SMTP sink, run from source with
 * {@code java src/bench/Sink.java --http PORT --smtp PORT [--fail SHARE] --out DIR}.
 *
 * <p>The receiver answers 200, or 500 for the {@code --fail} share of requests, and logs every webhook it accepted to
 * webhooks.log as "arrival_ms webhook_id lead_id event_timestamp". The SMTP sink (RFC 5321, PIPELINING) accepts every
 * message and logs "arrival_ms message_id" to emails.log, and each new connection as "smtp connection" to its output.
 * Neither generates load: wrk and pgbench do that. They share the two cores with Leadgate and PostgreSQL, so they are
 * written to cost little: one virtual thread per connection and buffered byte-level reads (the Python sink before
 * them took 1.3 to 1.5 ms of CPU per submission, a sixth of what Leadgate itself took).
 */
public final class Sink {

    /** An append-only log kept open; each line is written through at once, so a reader sees every arrival. */
    private static final class Log {
        private final OutputStream out;

        Log(String path) throws IOException {
            out = new FileOutputStream(path, true);
        }

        synchronized void line(String text) {
            try {
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int http = -1, smtp = -1;
        double fail = 0;
        String out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--http" -> http = Integer.parseInt(args[i + 1]);
                case "--smtp" -> smtp = Integer.parseInt(args[i + 1]);
                case "--fail" -> fail = Double.parseDouble(args[i + 1]);
                case "--out" -> out = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (http < 0 || smtp < 0 || out == null) {
            throw new IllegalArgumentException("usage: Sink --http PORT --smtp PORT [--fail SHARE] --out DIR");
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        Log webhooks = new Log(out + "/webhooks.log");
        Log emails = new Log(out + "/emails.log");
        PrintStream console = System.out;
        InetAddress loopback = InetAddress.getLoopbackAddress();

        HttpServer receiver = HttpServer.create(new InetSocketAddress(loopback, http), 512);
        double failShare = fail;
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (ThreadLocalRandom.current().nextDouble() < failShare) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                String payload = new String(body, StandardCharsets.UTF_8);
                String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
                webhooks.line(System.currentTimeMillis() + " " + (webhookId == null ? "-" : webhookId) + " "
                        + after(payload, "\"lead\":{\"id\":\"") + " " + after(payload, "\"timestamp\":\""));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        receiver.setExecutor(threads);
        receiver.start();

        ServerSocket smtpServer = new ServerSocket(smtp, 512, loopback);
        console.println("sink ready");
        console.flush();
        while (true) {
            Socket socket = smtpServer.accept();
            socket.setTcpNoDelay(true);
            console.println("smtp connection");
            console.flush();
            threads.submit(() -> {
                try (socket) {
                    smtpSession(socket, emails);
                } catch (IOException e) {
                    // The peer went away; nothing to record.
                } catch (RuntimeException e) {
                    e.printStackTrace(console);
                }
                return null;
            });
        }
    }

    /** The text after {@code marker} up to the next quote (the first occurrence: the payload's own field), or "-". */
    private static String after(String payload, String marker) {
        int start = payload.indexOf(marker);
        if (start < 0) {
            return "-";
        }
        start += marker.length();
        int end = payload.indexOf('"', start);
        return end < 0 ? "-" : payload.substring(start, end);
    }

    /** One SMTP connection: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; commands may be pipelined. */
    private static void smtpSession(Socket socket, Log emails) throws IOException {
        Lines in = new Lines(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 14);
        out.write("220 sink ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        boolean mail = false;
        int recipients = 0;
        int length;
        while ((length = in.next()) >= 0) {
            String command = in.text(length);
            int space = command.indexOf(' ');
            String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
            String reply;
            switch (verb) {
                case "EHLO", "HELO", "RSET" -> {
                    mail = false;
                    recipients = 0;
                    reply = switch (verb) {
                        case "EHLO" -> "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 33554432";
                        case "HELO" -> "250 sink";
                        default -> "250 OK";
                    };
                }
                case "MAIL" -> {
                    mail = true;
                    recipients = 0;
                    reply = "250 OK";
                }
                case "RCPT" -> {
                    if (mail) {
                        recipients++;
                        reply = "250 OK";
                    } else {
                        reply = "503 need MAIL first";
                    }
                }
                case "DATA" -> {
                    if (recipients == 0) {
                        reply = "503 need RCPT first";
                    } else {
                        out.write("354 end data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        String messageId = readMessage(in);
                        if (messageId == null) {
                            return;
                        }
                        emails.line(System.currentTimeMillis() + " " + messageId);
                        mail = false;
                        recipients = 0;
                        reply = "250 OK queued";
                    }
                }
                case "NOOP" -> reply = "250 OK";
                case "QUIT" -> {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                default -> reply = "502 command not implemented";
            }
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            // Pipelined commands get their replies together; once nothing more is buffered they go out.
            if (!in.buffered()) {
                out.flush();
            }
        }
    }

    /**
     * Reads a message up to the line holding a lone dot and returns its Message-ID ("-" if it has none), or null if
     * the peer left. A content line that starts with a dot comes stuffed with another, so only the terminator is a
     * lone dot.
     */
    private static String readMessage(Lines in) throws IOException {
        String messageId = "-";
        boolean inHeaders = true;
        int length;
        while ((length = in.next()) >= 0) {
            if (length == 1 && in.startsWith(".")) {
                return messageId;
            }
            if (inHeaders) {
                if (length == 0) {
                    inHeaders = false;
                } else if (messageId.equals("-") && length > 11 && in.startsWith("message-id:")) {
                    messageId = in.text(length).substring(11).strip();
                }
            }
        }
        return null;
    }

    /** Lines read from a stream through one buffer, found by scanning its bytes; no copy unless one is asked for. */
    private static final class Lines {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        private int start;
        private int position;
        private int limit;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Whether bytes beyond the last line are already buffered (pipelined commands). */
        boolean buffered() {
            return position < limit;
        }

        /** Finds the next line and returns its length without the line end; -1 at the end of the stream. */
        int next() throws IOException {
            int scan = position;
            while (true) {
                for (int i = scan; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        start = position;
                        position = i + 1;
                        return (i > start && buffer[i - 1] == '\r' ? i - 1 : i) - start;
                    }
                }
                if (position > 0) {
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                }
                if (limit == buffer.length) {
                    if (buffer.length >= 1 << 25) {
                        throw new IOException("a line of more than 32 MB");
                    }
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
                scan = limit;
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    return -1;
                }
                limit += read;
            }
        }

        /** The current line's first {@code length} bytes as text. */
        String text(int length) {
            return new String(buffer, start, length, StandardCharsets.UTF_8);
        }

        /** Whether the current line starts with this ASCII text, ignoring case. */
        boolean startsWith(String prefix) {
            if (position - start < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toLowerCase(buffer[start + i]) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
