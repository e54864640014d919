package io.leadgate.scoring;

/**
 * One line of a score's explanation: which answer moved which dimension by how many points, and why in words.
 * {@code dimension} is null for a knockout; {@code counted} is false for points that expired or were capped away.
 */
public record LedgerEntry(
        String question, String answer, String dimension, int points, boolean counted, String reason) {}
