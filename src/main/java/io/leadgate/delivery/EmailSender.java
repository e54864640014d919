package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends one rendered email over SMTP with html and text parts and one Message-ID across retries, within a timeout,
 * without holding a thread while the server answers. A 5xx reply is permanent; a 4xx, a connection problem or a
 * timeout is tried again later. Marketing email to a suppressed address is not sent.
 */
class EmailSender {

    private final ReactiveMailer mailer;
    private final ObjectMapper json;
    private final Duration timeout;
    /** One permit per pooled connection: a send waiting for a connection must not use up its own timeout. */
    private final Semaphore connections;

    private final Duration maxWait;
    // Sends waiting for a connection: alerts and other transactional mail go before marketing email queued earlier.
    private final Queue<Runnable> urgent = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /**
     * {@code timeout} bounds a send from the moment it has a connection, so that it ends well within the lease of the
     * worker sending it; {@code connections} is the size of the mailer's pool; a send that waited {@code maxWait} for
     * one is given up and tried again later, before the worker's lease could pass to another worker.
     */
    EmailSender(ReactiveMailer mailer, ObjectMapper json, Duration timeout, int connections, Duration maxWait) {
        this.mailer = mailer;
        this.maxWait = maxWait;
        this.json = json;
        this.timeout = timeout;
        this.connections = new Semaphore(Math.max(1, connections));
    }

    EmailMessage read(OutboxMessage message) {
        try {
            return json.readValue(message.payload, EmailMessage.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sends one email whose suppression was checked by the caller right before ({@code suppressed}); completes with
     * how the attempt ended and never fails. The SMTP connection comes from the mailer's pool, so it is reused.
     */
    CompletionStage<SendResult> send(OutboxMessage message, EmailMessage email, boolean suppressed) {
        if (email == null) {
            return CompletableFuture.completedFuture(SendResult.permanent(null, "unreadable email payload", null));
        }
        if (suppressed) {
            return CompletableFuture.completedFuture(SendResult.notSentToSuppressed());
        }
        Mail mail = new Mail()
                .setTo(email.to())
                .setSubject(email.subject())
                .setText(email.text())
                .setHtml(email.html())
                .addHeader("Message-ID", "<" + message.messageId + "@leadgate>");
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            if (!isSafeHeader(header.getKey(), header.getValue())) {
                return CompletableFuture.completedFuture(SendResult.permanent(
                        null, "refused to send a header with a line break or NUL: " + header.getKey(), null));
            }
            mail.addHeader(header.getKey(), header.getValue());
        }
        if (email.replyTo() != null) {
            mail.setReplyTo(email.replyTo());
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        Runnable start = () -> {
            if (System.nanoTime() - queuedAt > maxWait.toNanos()) {
                release();
                result.complete(
                        SendResult.retry(null, "no connection to the mail server was free in time", null, null));
                return;
            }
            // The permit is held until the server has answered, even after the timeout ended the attempt: the
            // connection is busy until then.
            result.completeOnTimeout(
                    SendResult.retry(
                            null, "the mail server did not answer within " + timeout.toSeconds() + " s", null, null),
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                mailer.send(mail)
                        .subscribe()
                        .with(
                                sent -> {
                                    release();
                                    result.complete(SendResult.delivered(250, null));
                                },
                                e -> {
                                    release();
                                    result.complete(failed(e));
                                });
            } catch (RuntimeException e) {
                release();
                result.complete(failed(e));
            }
        };
        if (connections.tryAcquire()) {
            start.run();
        } else {
            (message.priority == OutboxMessage.FIRST ? urgent : waiting).add(start);
            startWaiting();
        }
        return result;
    }

    private void release() {
        connections.release();
        startWaiting();
    }

    /** Starts queued sends while connections are free. */
    private void startWaiting() {
        while ((!urgent.isEmpty() || !waiting.isEmpty()) && connections.tryAcquire()) {
            Runnable next = urgent.poll();
            if (next == null) {
                next = waiting.poll();
            }
            if (next == null) {
                connections.release();
                return;
            }
            next.run();
        }
    }

    private SendResult failed(Throwable e) {
        SMTPException smtp = smtpCause(e);
        if (smtp != null) {
            String reply = String.valueOf(smtp.getReplyMessage());
            String error = "SMTP "
                    + (reply.startsWith(String.valueOf(smtp.getReplyCode()))
                            ? reply
                            : smtp.getReplyCode() + " " + reply);
            return smtp.isPermanent()
                    ? SendResult.permanent(smtp.getReplyCode(), error, null)
                    : SendResult.retry(smtp.getReplyCode(), error, null, null);
        }
        return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null);
    }

    /** Header injection: a name must be a token and a value must stay on one line (RFC 5322). */
    static boolean isSafeHeader(String name, String value) {
        return name != null
                && value != null
                && name.matches("[A-Za-z0-9-]+")
                && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static SMTPException smtpCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }
}
