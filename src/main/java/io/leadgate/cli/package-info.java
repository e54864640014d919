/**
 * The entry point and the commands of the packaged jar: running the service, {@code rescore} (a candidate form
 * replayed on stored submissions) and {@code replay} (failed messages sent again with their ids). Sits on top.
 */
package io.leadgate.cli;
