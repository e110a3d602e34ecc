/**
 * Everything about one opportunity on the command side: its commands, the {@code Opportunity} aggregate that
 * decides them against the rules, the accepted-offers lookup, and the HTTP endpoints that send them.
 */
package io.candor.command.opportunity;
