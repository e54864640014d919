package io.leadgate.leads;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The email that asks a prospect to confirm the address they gave (double opt-in), in English and as translated. */
@MessageBundle(value = "verify", locale = "en")
public interface VerifyMessages {

    @Message("Please confirm your email address")
    String subject();

    @Message("You answered “{formTitle}” with this email address. Please confirm that it is yours, so that we can"
            + " take it from here.")
    String intro(String formTitle);

    @Message("Confirm my email address")
    String button();

    @Message("The link works until {until}.")
    String expires(String until);

    @Message("If this was not you, ignore this email: nothing happens without the confirmation.")
    String notYou();
}
