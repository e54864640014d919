package io.leadgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports picked once per test run, kept in system properties because Quarkus loads test classes twice. */
public final class TestPorts {

    public static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private TestPorts() {}

    public static int smtp() {
        return port("test.smtp-port");
    }

    public static int receiver() {
        return port("test.receiver-port");
    }

    public static synchronized int port(String property) {
        if (System.getProperty(property) == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                System.setProperty(property, String.valueOf(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Integer.getInteger(property);
    }
}
