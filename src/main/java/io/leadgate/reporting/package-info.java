/** Reports: the funnel events prospects leave (no personal data) and, later, the closed-loop reports built on them. */
package io.leadgate.reporting;
