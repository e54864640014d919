package io.leadgate.scoring;

/** Points earned on one dimension, after capping at its maximum, and its weight in the total. */
public record DimensionScore(String dimension, int earned, int max, double weight) {}
