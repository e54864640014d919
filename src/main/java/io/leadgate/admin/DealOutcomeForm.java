package io.leadgate.admin;

import io.leadgate.leads.DealOutcomeRequest;
import jakarta.ws.rs.FormParam;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The outcome form on a lead's page, read into a deal outcome; empty fields are absent. */
public class DealOutcomeForm {

    @FormParam("_csrf")
    public String csrf;

    @FormParam("status")
    public String status;

    @FormParam("amount")
    public String amount;

    @FormParam("currency")
    public String currency;

    @FormParam("close_date")
    public String closeDate;

    @FormParam("reason")
    public String reason;

    /** The outcome, or empty when the amount is not a number or the close date not a date. */
    Optional<DealOutcomeRequest> request() {
        try {
            return Optional.of(new DealOutcomeRequest(
                    status,
                    blank(amount) ? null : new BigDecimal(amount.strip()),
                    blank(currency) ? null : currency.strip(),
                    blank(closeDate) ? null : LocalDate.parse(closeDate.strip()),
                    blank(reason) ? null : reason.strip()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
