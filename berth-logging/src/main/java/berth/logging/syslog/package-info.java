/**
 * The {@code syslog} driver, as Docker 20.10 writes syslog. Formats: Docker's default unix-style
 * line ({@code <PRI>Mmm dd hh:mm:ss tag[pid]: msg}), RFC 3164, RFC 5424 and RFC 5424 with
 * microseconds; the tag is RFC 5424's APP-NAME and MSGID, the daemon's pid its PROCID. Every message
 * ends with a newline, which frames it on stream transports; over {@code tcp+tls} the RFC 5424 forms
 * are octet-counted (RFC 5425). Transports: {@code udp} (a datagram each), {@code tcp},
 * {@code tcp+tls}, {@code unix} (stream), {@code unixgram}, or the local daemon's /dev/log.
 *
 * <p>Delivery: one write, then on failure one write on a fresh connection; a line that still fails
 * is counted as dropped and the next line connects again. Connects and writes are bounded by
 * timeouts, so a stalled receiver never blocks the log forever.
 */
package berth.logging.syslog;
