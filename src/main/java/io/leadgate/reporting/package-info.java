/**
 * Reporting: the anonymous funnel events prospects leave (views, starts, steps, answers, completions; no personal
 * data) and the closed-loop reports built on them and on deal outcomes: funnel, self-qualification by week, drop-off,
 * speed to lead, win rate and revenue per verdict and score band, per-answer lift with point advice, knockouts.
 */
package io.leadgate.reporting;
