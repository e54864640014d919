/**
 * What every feature shares and nothing else: service-wide configuration, digests and HTML escaping, log redaction,
 * API problem documents, the languages Leadgate's own words come in, plain SQL for hot paths where Hibernate costs more
 * than the work ({@code SqlRows}), group commit for work that is cheaper done together ({@code GroupCommit}), and the
 * two interfaces through which delivery asks about endpoints and suppressed addresses without knowing forms or nurture.
 */
package io.leadgate.common;
