/** The catalogue of events in an opportunity's life, one sealed interface; nothing else lives here. */
package io.candor.events.opportunity;
