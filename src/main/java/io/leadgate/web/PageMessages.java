package io.leadgate.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words Leadgate itself puts on prospect pages, in English here and in {@code messages/msg_<lang>.properties} for
 * every other language; templates read them as {@code {msg:next}} in the page's language.
 */
@MessageBundle(locale = "en")
public interface PageMessages {

    @Message("Step {current} of {total}")
    String stepOf(String current, String total);

    @Message("Back")
    String back();

    @Message("Next")
    String next();

    @Message("Send")
    String send();

    @Message("Sending…")
    String sending();

    @Message("required")
    String required();

    @Message("Choose…")
    String choose();

    @Message("Please check {count} answer(s)")
    String checkAnswers(int count);

    @Message("This page was open for a long time, so please send it once more. Your answers are kept.")
    String expired();

    @Message("Leave this field empty")
    String honeypot();

    @Message("Thank you! We'll be in touch shortly.")
    String qualifiedTitle();

    @Message("Someone from our team will contact you within one business day.")
    String qualifiedMessage();

    @Message("Your contact is {name}.")
    String yourContact(String name);

    @Message("Book a meeting with {name}")
    String bookWith(String name);

    @Message("Book a meeting")
    String bookMeeting();

    @Message("Thanks for your answers")
    String nurtureTitle();

    @Message("We'll send you a few helpful resources by email.")
    String nurtureMessage();

    @Message("Thank you for your interest")
    String disqualifiedTitle();

    @Message("We may not be the right fit for you right now.")
    String disqualifiedMessage();

    @Message("Welcome back. Just these questions: everything else we still know.")
    String followUp();

    @Message("A few quick questions")
    String followUpTitle();

    @Message("You’re all set")
    String allSetTitle();

    @Message("Our team already has your answers and will be in touch.")
    String allSetMessage();

    @Message("Thank you for staying in touch")
    String notAFitTitle();

    @Message("From what you told us, what we offer may not fit your needs right now, so there is nothing more we need"
            + " to ask you. If you would like to talk anyway, we are glad to.")
    String notAFitMessage();

    @Message("I would like to talk")
    String talkButton();

    @Message("Thank you")
    String talkRequestedTitle();

    @Message("Someone from our team will get in touch with you soon.")
    String talkRequestedMessage();

    @Message("This link no longer works")
    String invalidLinkTitle();

    @Message("It may be incomplete, or the questionnaire it belonged to has ended.")
    String invalidLinkMessage();

    @Message("Please confirm your email address")
    String confirmTitle();

    @Message("We sent a link to the email address you gave. Your answers reach us once you follow it; if nothing"
            + " arrives within a few minutes, look in your spam folder.")
    String confirmMessage();

    @Message("We already had answers from this email address. These were added next to them and change nothing we"
            + " knew before.")
    String repeatNotice();

    @Message("Confirm your email address")
    String verifyTitle();

    @Message("Press the button to confirm that this email address is yours and send your answers.")
    String verifyMessage();

    @Message("Confirm and send")
    String verifyButton();

    @Message("These are the answers that were sent with your email address:")
    String verifyAnswers();

    @Message("Not you? If you did not fill in this form, delete these answers; nothing is kept and you will hear no"
            + " more from us about them.")
    String verifyNotYou();

    @Message("This wasn't me: delete")
    String verifyDiscardButton();

    @Message("Deleted")
    String verifyDiscardedTitle();

    @Message("The answers sent with your email address were deleted. Thank you for telling us.")
    String verifyDiscardedMessage();

    @Message("This link has expired")
    String verifyExpiredTitle();

    @Message("Unconfirmed answers are deleted after a while. Please fill in the form again.")
    String verifyExpiredMessage();

    @Message("This form has changed")
    String verifyChangedTitle();

    @Message("The answers you confirmed no longer fit the form. Please fill it in again.")
    String verifyChangedMessage();

    @Message("We could not accept this")
    String refusedTitle();

    @Message("Please wait a moment")
    String waitTitle();

    @Message("The form data is not valid UTF-8. Please send it from the form page again.")
    String notUtf8();

    @Message("The field {field} was sent twice.")
    String sentTwice(String field);

    @Message("The field '{field}' is not part of this form.")
    String notInForm(String field);

    @Message("The field '{field}' is not part of this questionnaire.")
    String notInFollowUp(String field);

    @Message("This form was changed or its page is damaged. Please reload the page and try again.")
    String damaged();

    @Message("We received many answers from here in a short time. Please try again in a few minutes.")
    String tooMany();

    @Message("We already sent several confirmation links to this address today. Each one shows the answers it would"
            + " send: confirm yours, delete any you did not send, or try again tomorrow.")
    String tooManyConfirmations();
}
