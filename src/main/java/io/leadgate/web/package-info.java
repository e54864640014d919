/**
 * What prospects see and post: the hosted questionnaire and its steps (with and without JavaScript; a plain first
 * page straight from the event loop), the signed form token and the experiment variant it carries, embedding, thank-you pages (with the rep's booking link), the
 * follow-up, unsubscribe and sales-feedback pages, the JSON submission API, funnel beacons,
 * rate limits, Leadgate's own words in each language, and the security headers of every response. Sits on top.
 */
package io.leadgate.web;
