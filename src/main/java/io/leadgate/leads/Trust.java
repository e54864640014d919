package io.leadgate.leads;

import io.leadgate.scoring.Verdict;

/**
 * What a submission proves about who sent it. A submission carries an email address, not its owner: only the first
 * one, which creates the lead, and those proven by a link sent to the address (confirmation or follow-up) speak for
 * the lead. A repeat for a known address is kept and scored on its own answers, and can only raise the lead's verdict.
 */
public enum Trust {
    /** Created its lead: no earlier submission spoke for this address. */
    FIRST,
    /** Came for an address that already had a lead, without proof: it cannot lower, rename or end anything. */
    REPEAT,
    /** Proven by a link emailed to the address: it speaks for the lead like the first submission. */
    VERIFIED;

    public String key() {
        return name().toLowerCase();
    }

    /** How far a verdict goes towards sales; a repeat may only move a lead up this order. */
    static int rank(Verdict verdict) {
        return switch (verdict) {
            case DISQUALIFIED -> 0;
            case NURTURE -> 1;
            case QUALIFIED -> 2;
        };
    }
}
