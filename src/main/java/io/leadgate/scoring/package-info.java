/**
 * Scoring in plain Java: answers in, an explainable score out (points per dimension, knockouts, verdict, grade and
 * a ledger line for every answer that counted). No framework imports, so it is fast to test and safe to replay.
 */
package io.leadgate.scoring;
