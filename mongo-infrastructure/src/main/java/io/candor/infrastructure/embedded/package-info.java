/**
 * The embedded MongoDB-wire server (mongo-java-server, file-backed through H2's MVStore) that the standalone
 * default and the tests talk to over a real socket with the real driver. Started only when {@code MONGODB_URI}
 * is not set and the server's classes are on the classpath; production never has them.
 */
package io.candor.infrastructure.embedded;
