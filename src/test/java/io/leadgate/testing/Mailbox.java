package io.leadgate.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on {@link TestPorts#smtp()}, shared by the whole test run. */
public final class Mailbox {

    private static GreenMail server;

    private Mailbox() {}

    public static synchronized GreenMail get() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(TestPorts.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static List<MimeMessage> to(String address) {
        return Arrays.stream(get().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(r -> r.toString().contains(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }
}
