/**
 * {@code --log-driver journald}: each line as one entry in systemd-journald's native protocol,
 * a datagram to {@code /run/systemd/journal/socket} (through {@link berth.sys.UnixDatagramSocket};
 * entries too large for a datagram go as a sealed memfd), with Docker's fields. Where the socket is
 * absent the driver cannot be created ("journald is not enabled on this host"). Reading the journal
 * back for {@code docker logs} is left to the dual-logging cache.
 */
package berth.logging.journald;
