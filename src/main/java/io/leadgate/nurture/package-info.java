/**
 * Nurture: keeping leads that are not ready yet warm by email, and honouring unsubscribes (RFC 8058) through a
 * global suppression list checked again at send time. Sequences arrive in a later step.
 */
package io.leadgate.nurture;
