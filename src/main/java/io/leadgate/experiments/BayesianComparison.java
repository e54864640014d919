package io.leadgate.experiments;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.Arrays;

/**
 * The Bayesian models behind an experiment's probabilities, sampled: a rate is Beta-Binomial with a uniform prior; revenue
 * per view is a won-deal rate (Beta-Binomial) times a mean deal size (exponential amounts, Gamma prior on their rate
 * centred on the mean of every variant's deals).
 */
public final class BayesianComparison {

    static final int DRAWS = 20_000;

    /** How a variant compares with the control: the chance it is better, and the 95 % interval of the difference. */
    public record Comparison(double probabilityBetter, double differenceLow, double differenceHigh) {}

    private BayesianComparison() {}

    /** Draws from the posterior of a rate after {@code successes} out of {@code trials}, with a Beta(1, 1) prior. */
    static double[] rate(long successes, long trials, long seed) {
        long hits = Math.clamp(successes, 0, Math.max(0, trials));
        BetaDistribution posterior = new BetaDistribution(
                generator(seed), 1.0 + hits, 1.0 + trials - hits, BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        return posterior.sample(DRAWS);
    }

    /**
     * Draws from the posterior of revenue per view: the won rate's draws times the mean deal size's. Deal amounts are
     * taken as exponential; their rate has a Gamma(2, {@code priorMean}) prior, whose mean deal size is {@code
     * priorMean}, so one variant's first deals do not swing it. {@code priced} of the {@code won} deals have an amount;
     * only they inform the deal size.
     */
    static double[] revenuePerView(long won, long priced, long views, double revenue, double priorMean, long seed) {
        double[] wonRate = rate(won, views, seed);
        GammaDistribution dealRate =
                new GammaDistribution(generator(seed + 1), 2.0 + priced, 1.0 / (priorMean + Math.max(0, revenue)));
        double[] perView = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            perView[i] = wonRate[i] / dealRate.sample();
        }
        return perView;
    }

    /** The chance that the variant's draws beat the control's, and the central 95 % of their difference. */
    static Comparison compare(double[] control, double[] variant) {
        double[] difference = new double[DRAWS];
        int better = 0;
        for (int i = 0; i < DRAWS; i++) {
            difference[i] = variant[i] - control[i];
            if (difference[i] > 0) {
                better++;
            }
        }
        Arrays.sort(difference);
        return new Comparison(
                (double) better / DRAWS, difference[(int) (DRAWS * 0.025)], difference[(int) (DRAWS * 0.975) - 1]);
    }

    private static RandomGenerator generator(long seed) {
        // A fixed seed per experiment and metric: the same data shows the same probabilities on every reload.
        return new Well19937c(seed);
    }
}
