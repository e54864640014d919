package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends one rendered email over SMTP with html and text parts and one Message-ID across retries, within a timeout,
 * without holding a thread while the server answers. A 5xx reply is permanent; a 4xx, a connection problem or a
 * timeout is tried again later. Marketing email to a suppressed address is not sent.
 */
class EmailSender {

    private final ReactiveMailer mailer;
    private final ObjectMapper json;
    private final Duration timeout;

    /** {@code timeout} bounds a whole send, so that it ends well within the lease of the worker sending it. */
    EmailSender(ReactiveMailer mailer, ObjectMapper json, Duration timeout) {
        this.mailer = mailer;
        this.json = json;
        this.timeout = timeout;
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
        try {
            mailer.send(mail)
                    .ifNoItem()
                    .after(timeout)
                    .fail()
                    .subscribe()
                    .with(sent -> result.complete(SendResult.delivered(250, null)), e -> result.complete(failed(e)));
        } catch (RuntimeException e) {
            result.complete(failed(e));
        }
        return result;
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
        if (e instanceof TimeoutException) {
            return SendResult.retry(
                    null, "the mail server did not answer within " + timeout.toSeconds() + " s", null, null);
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
