/**
 * What prospects see and post: the hosted questionnaire and its steps (with and without JavaScript), the signed form
 * token, embedding, thank-you pages, the follow-up and unsubscribe pages, the JSON submission API, funnel beacons,
 * rate limits, Leadgate's own words in each language, and the security headers of every response. Sits on top.
 */
package io.leadgate.web;
