/**
 * The Docker Engine API adapter: HTTP/1.1 on a unix socket in front of the engine's
 * {@link berth.image.ImageService} and {@link berth.container.ContainerService}.
 *
 * <p>Layout: {@code berth.api} holds the entry point ({@link berth.api.DockerApiServer}) and what it
 * is given ({@link berth.api.ApiContext}, {@link berth.api.DaemonInfo}); {@code http} the protocol
 * machinery (one Netty epoll event loop, a virtual thread per request, version negotiation,
 * routing, chunked streams, hijack, the single ErrorKind → status mapping); {@code wire} Docker's
 * JSON shapes and their translation to and from engine records; {@code routes} the endpoints.
 *
 * <p>Streams: JSON progress and {@code wait} are chunked JSON lines; logs are chunked mux frames
 * (raw with a TTY); attach and exec start share one hijack ({@code routes.HijackSession}) that
 * switches the connection to raw bytes (101 UPGRADED, or 200 without a length) after removing the
 * HTTP codec; the client's half-close closes the process's stdin while output goes on until it
 * ends. A client disconnect closes whatever the exchange registered ({@code LogSource},
 * attachment, wait future).
 */
package berth.api;
