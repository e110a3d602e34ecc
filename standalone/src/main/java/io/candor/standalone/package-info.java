/** The standalone launcher: both sides in one process on the embedded, file-backed MongoDB-wire server. */
package io.candor.standalone;
