/**
 * The {@code gelf} driver (Graylog Extended Log Format 1.1), as Docker 20.10 sends it. UDP: each
 * message compressed (gzip level 1 by default, zlib, or none) and, when over 1420 bytes, split into
 * at most 128 chunks with GELF's 12-byte chunk header. TCP: uncompressed JSON ended by a NUL byte,
 * reconnecting on failure ({@code gelf-tcp-max-reconnect}, {@code gelf-tcp-reconnect-delay}).
 */
package berth.logging.gelf;
