package io.leadgate.web;

/** Where a prospect lands after submitting, the thank-you page: keyed by the unguessable submission id. */
final class ThankYouLinks {

    private ThankYouLinks() {}

    static String path(String formId, String submissionId) {
        return "/f/" + formId + "/done/" + submissionId;
    }
}
