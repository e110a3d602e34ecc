/**
 * The sample job search drawn from the seed articles, loaded through Candor's own HTTP API (so it exercises the
 * public contract exactly as a client would), and the small HTTP client it uses. No domain rule lives here.
 */
package io.candor.standalone.sample;
