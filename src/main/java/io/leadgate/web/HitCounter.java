package io.leadgate.web;

/** Counts hits per bucket and time window; {@link DatabaseHitCounter} shares the counts between instances. */
interface HitCounter {

    /** Counts one hit and returns how many the bucket has in this window, this one included. */
    int hit(String bucket, long window);
}
