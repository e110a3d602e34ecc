/**
 * The hostile-input property: random and malformed requests against every endpoint of the launcher, sent over a
 * raw socket so that nothing in a client library cleans them up first. Test code only.
 */
package io.candor.standalone.hostile;
