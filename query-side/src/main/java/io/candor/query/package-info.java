/** The query side: projections that build the views from events, and the HTTP API and pages that read them. Never imports the command side. */
package io.candor.query;
