/** The aggregate cache: the last aggregates used stay in memory, so a command does not read their events again. */
package io.candor.command.caching;
