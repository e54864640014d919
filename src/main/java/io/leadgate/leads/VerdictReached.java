package io.leadgate.leads;

import io.leadgate.scoring.Verdict;

import java.util.Optional;

/**
 * Fired inside the transaction that stores a submission, so that whatever follows from a verdict (a nurture
 * enrolment, or leaving one) commits or rolls back with the lead itself.
 */
public record VerdictReached(
        long leadId,
        String leadPublicId,
        String formId,
        String language,
        Verdict verdict,
        Optional<String> nurtureSequence) {}
