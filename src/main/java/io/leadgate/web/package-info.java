/** What prospects see: the hosted questionnaire pages and their styles. Sits on top; nothing imports it. */
package io.leadgate.web;
