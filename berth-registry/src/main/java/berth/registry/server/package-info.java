/**
 * The registry server's HTTP layer ({@code berth registry serve}): the OCI distribution API over
 * {@link berth.registry.storage}, on Netty.
 *
 * <p>Threads: one event loop moves bytes ({@code RegistryChannelHandler}); each request runs on its own
 * virtual thread ({@code RegistryRoutes}), reading its body as a blocking stream that the event loop
 * feeds on demand (auto-read off, so a slow disk slows the client, not the heap). Blobs go out from
 * their files: sendfile ({@code DefaultFileRegion}) on plain TCP, 64 KiB chunks under TLS.
 *
 * <p>Per request: match the route, check access ({@link berth.registry.auth.Authenticator}) before
 * reading any body, run it, map failures once ({@code RegistryErrors}) to the spec's error codes, and
 * publish push/pull/delete events ({@link berth.registry.notify.Notifier}).
 */
package berth.registry.server;
