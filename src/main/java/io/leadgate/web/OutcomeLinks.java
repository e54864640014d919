package io.leadgate.web;

/** Where a prospect lands after submitting: keyed by the unguessable submission id. */
final class OutcomeLinks {

    private OutcomeLinks() {}

    static String path(String formId, String submissionId) {
        return "/f/" + formId + "/done/" + submissionId;
    }
}
