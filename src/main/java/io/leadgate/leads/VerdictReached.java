package io.leadgate.leads;

import io.leadgate.scoring.Verdict;

import java.time.Instant;
import java.util.Optional;

/**
 * Fired inside the transaction that stores a submission, so that whatever follows from a verdict (a nurture
 * enrolment, or leaving one) commits or rolls back with the lead itself. {@code requalifyAt} is when a nurtured lead
 * asked to be invited again (an answer such as "next quarter"); {@code newLead} says the lead was created in this
 * transaction, so that it has no enrolment to leave.
 */
public record VerdictReached(
        long leadId,
        String leadPublicId,
        String formId,
        String language,
        Verdict verdict,
        Optional<String> nurtureSequence,
        Optional<Instant> requalifyAt,
        boolean newLead) {}
