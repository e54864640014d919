package io.leadgate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on loopback that answers like a real one would when it refuses mail, which GreenMail cannot
 * script: a recipient whose address starts with {@code bounce} gets {@code 550} at RCPT; a message to one starting
 * with {@code soft} gets {@code 451} after its data the first time, and is accepted when sent again; a message to one
 * starting with {@code hang} gets no answer after its data the first time, as from a server that froze.
 */
public final class ScriptedSmtp {

    /** One message the server accepted or refused after its data. */
    public record Received(List<String> recipients, String data, int reply) {}

    private static ScriptedSmtp instance;

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private ScriptedSmtp(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static synchronized ScriptedSmtp get() {
        if (instance == null) {
            try {
                instance = new ScriptedSmtp(port());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The port, picked once per run and kept in a system property, because Quarkus loads test classes twice. */
    public static int port() {
        return TestPorts.port("test.scripted-smtp-port");
    }

    /** How many connections clients opened so far. */
    public int connections() {
        return connections.get();
    }

    /** What arrived after DATA for this recipient, in order. */
    public List<Received> to(String recipient) {
        return received.stream().filter(r -> r.recipients().contains(recipient)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> converse(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        if (address.startsWith("bounce")) {
                            reply(out, "550 5.1.1 <" + address + ">: no such mailbox");
                        } else {
                            recipients.add(address);
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        for (String dataLine; (dataLine = in.readLine()) != null && !dataLine.equals("."); ) {
                            data.append(dataLine).append('\n');
                        }
                        if (recipients.stream().anyMatch(r -> r.startsWith("hang") && deferredOnce.add(r))) {
                            received.add(new Received(List.copyOf(recipients), data.toString(), 0));
                            sleepQuietly(60_000);
                            return;
                        }
                        boolean defer = recipients.stream().anyMatch(r -> r.startsWith("soft") && deferredOnce.add(r));
                        int code = defer ? 451 : 250;
                        received.add(new Received(List.copyOf(recipients), data.toString(), code));
                        reply(out, defer ? "451 4.3.0 mailbox busy, try again later" : "250 2.0.0 queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // The client hung up.
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
