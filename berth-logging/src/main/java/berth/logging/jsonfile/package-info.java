/**
 * The {@code json-file} driver, byte-compatible with dockerd 20.10's: one JSON object per line
 * ({@code {"log":"text\n","stream":"stdout","attrs":{…},"time":"RFC 3339 nano"}}; a partial piece has no
 * {@code \n}), rotated as {@link berth.logging.logfile} describes.
 */
package berth.logging.jsonfile;
