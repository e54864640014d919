package io.leadgate.delivery;

import io.leadgate.common.WebhookEndpoints;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Posts one webhook: signed per Standard Webhooks (stamped at each attempt, same id every time), to the address the
 * SSRF guard checked, with connect and total timeouts, no redirects, and at most 2 KB of the reply read.
 */
class WebhookSender {

    static final int EXCERPT_BYTES = 2048;

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressGuard guard;
    private final DeliveryConfig config;

    WebhookSender(Vertx vertx, AddressGuard guard, DeliveryConfig config) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(64)
                .setKeepAlive(true));
        this.guard = guard;
        this.config = config;
    }

    SendResult send(OutboxMessage message, WebhookEndpoints.Endpoint endpoint) {
        URI url;
        InetAddress address;
        try {
            url = URI.create(endpoint.url());
            address = guard.check(url);
        } catch (AddressGuard.Refused e) {
            return e.isPermanent()
                    ? SendResult.permanent(null, "refused: " + e.getMessage(), null)
                    : SendResult.retry(null, e.getMessage(), null, null);
        } catch (IllegalArgumentException e) {
            return SendResult.permanent(null, "refused: not a URL", null);
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (https ? 443 : 80);
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setSsl(https)
                .setFollowRedirects(false)
                .setTimeout(config.requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Leadgate-Webhooks/1");
        if (!endpoint.secrets().isEmpty()) {
            request.putHeader("webhook-id", message.messageId)
                    .putHeader("webhook-timestamp", String.valueOf(timestamp))
                    .putHeader(
                            "webhook-signature",
                            WebhookSigner.signature(endpoint.secrets(), message.messageId, timestamp, message.payload));
        }
        Promise<SendResult> result = Promise.promise();
        // The whole exchange is wired on the event loop: handlers attached from this worker thread could miss a
        // reply that already ended, and the attempt would hang until its timeout.
        vertx.runOnContext(ignored -> client.request(request)
                .compose(req -> req.send(Buffer.buffer(message.payload, "UTF-8")))
                .onSuccess(response -> readExcerpt(response, url, result))
                .onFailure(error -> result.tryComplete(SendResult.retry(
                        null,
                        error.getClass().getSimpleName() + ": " + withoutPath(error.getMessage(), url),
                        null,
                        null))));
        try {
            return result.future()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return SendResult.retry(
                    null, "timeout after " + config.requestTimeout().toSeconds() + " s", null, null);
        }
    }

    /**
     * An error as the delivery log may show it: a webhook's path and query often hold its secret (Slack, Teams), and
     * the log shows the host only.
     */
    static String withoutPath(String error, URI url) {
        if (error == null) {
            return null;
        }
        String cleaned = error.replace(url.toString(), url.getHost());
        for (String part : new String[] {url.getRawPath(), url.getPath(), url.getRawQuery(), url.getQuery()}) {
            if (part != null && part.length() > 1) {
                cleaned = cleaned.replace(part, "/…");
            }
        }
        return cleaned;
    }

    private static void readExcerpt(HttpClientResponse response, URI url, Promise<SendResult> result) {
        Buffer excerpt = Buffer.buffer();
        response.handler(chunk -> {
            if (excerpt.length() < EXCERPT_BYTES) {
                excerpt.appendBuffer(chunk.slice(0, Math.min(chunk.length(), EXCERPT_BYTES - excerpt.length())));
            }
        });
        response.exceptionHandler(
                error -> result.tryComplete(SendResult.retry(response.statusCode(), "reply broke off", null, null)));
        response.endHandler(ignored -> result.tryComplete(classify(
                response.statusCode(),
                response.getHeader("Retry-After"),
                // Receivers often echo the path they were called on ("Cannot POST /services/...").
                withoutPath(new String(excerpt.getBytes(), StandardCharsets.UTF_8), url))));
    }

    /** 2xx delivered; 410 disables the endpoint; 3xx is a failure never followed; 429 and 503 wait as asked. */
    static SendResult classify(int status, String retryAfter, String excerpt) {
        if (status >= 200 && status < 300) {
            return SendResult.delivered(status, excerpt);
        }
        if (status == 410) {
            return new SendResult(
                    false, status, "410 Gone: the receiver asked to stop", excerpt, true, null, true, false);
        }
        Duration wait = (status == 429 || status == 503)
                ? RetryPolicy.retryAfter(retryAfter, Instant.now()).orElse(null)
                : null;
        String error = status >= 300 && status < 400 ? status + " redirect (not followed)" : "HTTP " + status;
        return SendResult.retry(status, error, excerpt, wait);
    }
}
