/** Checks of the production topology in docker-compose.yml and its Dockerfiles, without running Docker. */
package io.candor.standalone.topology;
