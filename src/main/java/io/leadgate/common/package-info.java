/** What every feature shares: the service-wide configuration. Nothing here knows about forms, leads or delivery. */
package io.leadgate.common;
