/**
 * {@code --log-driver fluentd}: each line as a Forward-protocol event (msgpack {@code [tag, time,
 * record, option]}) over TCP or a unix socket, with Docker's options ({@code fluentd-address},
 * {@code -async}, {@code -buffer-limit}, {@code -retry-wait}, {@code -max-retries},
 * {@code -sub-second-precision}, {@code -request-ack}, {@code tag}, {@code labels}/{@code env}).
 *
 * <p>Pieces: {@link berth.logging.fluentd.FluentdConfig} and {@link berth.logging.fluentd.FluentdAddress}
 * parse the options; {@code ForwardEncoder} builds the bytes; {@code ForwardConnection} is one socket;
 * {@code ForwardSender} reconnects with back-off and resends; {@link berth.logging.fluentd.FluentdDriver}
 * is the synchronous or asynchronous driver on top.
 *
 * <p>Without {@code fluentd-request-ack}, delivery is at most once: a message written just before the
 * server dies can be lost with no error (as with Docker); the sender checks for a closed connection
 * before each write, which covers a server that stopped cleanly. With acks, a message is resent until
 * acknowledged (at least once).
 */
package berth.logging.fluentd;
