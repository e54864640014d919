package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;

import java.io.IOException;

/**
 * Sends one rendered email over SMTP with html and text parts and one Message-ID across retries. A 5xx reply is
 * permanent; a 4xx or a connection problem is tried again later.
 */
class EmailSender {

    private final Mailer mailer;
    private final ObjectMapper json;

    EmailSender(Mailer mailer, ObjectMapper json) {
        this.mailer = mailer;
        this.json = json;
    }

    SendResult send(OutboxMessage message) {
        EmailMessage email;
        try {
            email = json.readValue(message.payload, EmailMessage.class);
        } catch (IOException e) {
            return SendResult.permanent(null, "unreadable email payload", null);
        }
        Mail mail = new Mail().setTo(email.to()).setSubject(email.subject()).setText(email.text()).setHtml(email.html())
                .addHeader("Message-ID", "<" + message.messageId + "@leadgate>");
        if (email.replyTo() != null) {
            mail.setReplyTo(email.replyTo());
        }
        try {
            mailer.send(mail);
            return SendResult.delivered(250, null);
        } catch (RuntimeException e) {
            SMTPException smtp = smtpCause(e);
            if (smtp != null) {
                String error = "SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage();
                return smtp.isPermanent() ? SendResult.permanent(smtp.getReplyCode(), error, null)
                        : SendResult.retry(smtp.getReplyCode(), error, null, null);
            }
            return SendResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null);
        }
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
