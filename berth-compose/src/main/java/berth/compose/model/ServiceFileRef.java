package berth.compose.model;

/**
 * A secret or config granted to a service, long form ({@code - db_pass} gives source only).
 *
 * @param source key of the top-level secret/config
 * @param target path in the container (absolute) or file name; null means the default
 *     ({@code /run/secrets/<source>} for secrets, {@code /<source>} for configs)
 * @param uid or null
 * @param gid or null
 * @param mode file mode, or null
 */
public record ServiceFileRef(String source, String target, String uid, String gid, Integer mode) {}
