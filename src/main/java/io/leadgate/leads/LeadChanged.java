package io.leadgate.leads;

/**
 * Fired inside the transaction that recorded an outcome for a lead, or is about to erase it, so that features above
 * this one (nurture) end what they hold for the lead in the same transaction.
 */
public record LeadChanged(long leadId, String leadPublicId, Kind kind) {

    /** What happened to the lead. */
    public enum Kind {
        OUTCOME_RECORDED,
        ERASING
    }
}
