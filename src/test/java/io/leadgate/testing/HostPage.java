package io.leadgate.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A customer's landing page on a second origin (127.0.0.1 on its own port), embedding a form with the script tag. */
public final class HostPage implements AutoCloseable {

    private final HttpServer server;

    public HostPage(String html) throws IOException {
        int port = URI.create(WithTestForms.hostOrigin()).getPort();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String url(String pathAndQuery) {
        return WithTestForms.hostOrigin() + pathAndQuery;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
