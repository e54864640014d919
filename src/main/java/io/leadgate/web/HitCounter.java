package io.leadgate.web;

import java.util.List;

/** Counts hits per bucket and time window; {@link DatabaseHitCounter} shares the counts between instances. */
interface HitCounter {

    /** Counts one hit and returns how many the bucket has in this window, this one included. */
    int hit(String bucket, long window);

    /** Counts one hit in each bucket, in one go where the store allows; the counts come back in the same order. */
    default int[] hitAll(List<String> buckets, long window) {
        return buckets.stream().mapToInt(bucket -> hit(bucket, window)).toArray();
    }
}
