/**
 * Experiments: A/B tests of questionnaire versions. A marketer starts one on a form with two to four fixed texts and
 * a traffic split; each visitor stays on one variant, every lead records it, and the results compare the variants
 * on views, completion, self-qualification, won deals and revenue with Bayesian models until someone promotes one.
 */
package io.leadgate.experiments;
