/**
 * Operations on the views over HTTP ({@code /admin/...}): the dead letters of each view, listed and retried, and the
 * replay of a view with its progress. No view's own logic lives here; no security yet (another issue adds it).
 */
package io.candor.query.admin;
