package dev.blueprint.validate;

import java.net.URI;

/**
 * The running service the steps after compile drive: its process, a client for its probes (on the management port
 * when it has one) and one for its API, and where they point. {@link Validation} opens and closes all of it.
 */
record ServiceUnderTest(ServiceProcess process, Http probes, Http client, URI base, URI probeBase, int port) {}
