/**
 * Reporting: the anonymous funnel events prospects leave (views, starts, steps, answers, completions; no personal
 * data) and the closed-loop reports built on them and on deal outcomes: funnel, self-qualification by week, drop-off,
 * speed to lead, win rate and revenue per verdict and score band, per-answer lift with suggested points, questions
 * that do not tell leads apart with their drop-off cost, knockouts; and the suggested points written into a form's
 * draft.
 */
package io.leadgate.reporting;
