package io.leadgate.leads;

import io.leadgate.scoring.Verdict;

/**
 * What became of a submission. {@code submissionId} is unguessable, so it can key the outcome page;
 * {@code repeated} says this was a repeat of a submission already accepted, which created nothing new.
 */
public record SubmissionResult(
        String leadId, String submissionId, Verdict verdict, int score, String grade, boolean repeated) {}
