package berth.logging.tag;

import berth.errors.BerthException;
import berth.logs.driver.LogContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code labels}, {@code labels-regex}, {@code env} and {@code env-regex} options: which of the
 * container's labels and environment variables a driver attaches to each line (Docker's
 * {@code Info.ExtraAttributes}). Later sources overwrite earlier ones on the same key, as in Docker.
 */
public final class ExtraAttributes {
    private ExtraAttributes() {}

    /** The attributes, keys passed through {@code keyMod} (GELF prefixes {@code _}). */
    public static Map<String, String> of(LogContext ctx, UnaryOperator<String> keyMod) {
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, String> config = ctx.config();
        for (String name : names(config.get("labels"))) {
            String value = ctx.labels().get(name);
            if (value != null) {
                extra.put(keyMod.apply(name), value);
            }
        }
        Pattern labelsRegex = regex(config, "labels-regex");
        if (labelsRegex != null) {
            ctx.labels().forEach((k, v) -> {
                if (labelsRegex.matcher(k).find()) {
                    extra.put(keyMod.apply(k), v);
                }
            });
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : ctx.env()) {
            int eq = entry.indexOf('=');
            if (eq >= 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        for (String name : names(config.get("env"))) {
            String value = env.get(name);
            if (value != null) {
                extra.put(keyMod.apply(name), value);
            }
        }
        Pattern envRegex = regex(config, "env-regex");
        if (envRegex != null) {
            env.forEach((k, v) -> {
                if (envRegex.matcher(k).find()) {
                    extra.put(keyMod.apply(k), v);
                }
            });
        }
        return extra;
    }

    public static Map<String, String> of(LogContext ctx) {
        return of(ctx, UnaryOperator.identity());
    }

    /** Checks the two regex options before a container is made; INVALID_ARGUMENT when one does not compile. */
    public static void validate(Map<String, String> config) {
        regex(config, "labels-regex");
        regex(config, "env-regex");
    }

    private static String[] names(String list) {
        return list == null || list.isEmpty() ? new String[0] : list.split(",");
    }

    private static Pattern regex(Map<String, String> config, String option) {
        String source = config.get(option);
        if (source == null || source.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            // Go's regexp error, as dockerd reports it
            throw BerthException.invalid("error parsing regexp: " + e.getDescription() + ": `" + source + "`", e);
        }
    }
}
