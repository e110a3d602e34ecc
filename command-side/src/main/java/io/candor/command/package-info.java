/** The command side: commands, the aggregates that decide them, and the HTTP API that sends them. Never reads a view. */
package io.candor.command;
