package io.leadgate.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A webhook receiver on loopback: records every request and answers each path with the statuses it was told. */
public final class Receiver {

    /** One request as it arrived. */
    public record Request(String path, Map<String, String> headers, String body, long receivedAtMillis) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static Receiver instance;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    private Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, headers, body, System.currentTimeMillis()));
            Integer status =
                    scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            int code = status == null ? 200 : status;
            if (code >= 300 && code < 400) {
                exchange.getResponseHeaders().set("Location", "/hooks/elsewhere");
            }
            long delay = delays.getOrDefault(path, 0L);
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] reply = bodies.getOrDefault(path, "{\"received\":true,\"status\":" + code + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** The one receiver of this test run, on {@link TestPorts#receiver()}. */
    public static synchronized Receiver get() {
        if (instance == null) {
            try {
                instance = new Receiver(TestPorts.receiver());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Requests to this path are answered with this body (any bytes a receiver might send back). */
    public void replyWith(String path, String body) {
        bodies.put(path, body);
    }

    /** Requests to this path are answered only after this long, as by a slow receiver. */
    public void delay(String path, long millis) {
        delays.put(path, millis);
    }

    /** The next requests to this path get these statuses, in order; then 200. */
    public void answer(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
    }

    public List<Request> to(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }
}
