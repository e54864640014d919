package io.leadgate.leads;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A deal outcome as sales reports it: {@code status} is won, lost or open; amount and currency go together. */
public record DealOutcomeRequest(
        String status, BigDecimal amount, String currency, LocalDate closeDate, String reason) {}
