/** The catalogue of events in a candidate's life and search, one sealed interface; nothing else lives here. */
package io.candor.events.candidate;
