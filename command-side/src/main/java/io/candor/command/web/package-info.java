/**
 * What every command endpoint shares: sending a command and answering with the position of the last event it
 * stored, ids from paths, "now", the body size limit, and the mapping of failures to problem+json.
 * No rule is decided here.
 */
package io.candor.command.web;
