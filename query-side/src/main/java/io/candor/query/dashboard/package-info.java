/**
 * The web dashboard: server-rendered pages (Thymeleaf) over the views, read through the query classes of the other
 * features; its forms post to the command REST API from the browser, so nothing here imports the command side.
 */
package io.candor.query.dashboard;
