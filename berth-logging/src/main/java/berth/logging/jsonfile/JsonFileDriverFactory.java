package berth.logging.jsonfile;

import berth.errors.BerthException;
import berth.logging.tag.ExtraAttributes;
import berth.logging.logfile.FileDriverFactory;
import berth.logging.logfile.GoStrconv;
import berth.logging.logfile.RotatingLogFile;
import berth.logging.logfile.RotationPolicy;
import berth.logging.tag.LogTag;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code --log-driver json-file}. Options as dockerd 20.10: {@code max-size} (go-units human size,
 * decimal: {@code 10m} = 10^7 bytes; unset: no rotation), {@code max-file} (files kept, default 1),
 * {@code compress}, {@code labels}, {@code labels-regex}, {@code env}, {@code env-regex}, {@code tag} (added
 * to {@code attrs} only when set). dockerd checks the values when the container starts; we check them
 * already in {@link #validate}, with its words.
 */
public final class JsonFileDriverFactory extends FileDriverFactory {
    public static final String NAME = "json-file";
    private static final Set<String> OPTIONS =
            Set.of("max-file", "max-size", "compress", "labels", "labels-regex", "env", "env-regex", "tag");

    public JsonFileDriverFactory() {
        super(NAME, OPTIONS, "unknown log opt '%s' for json-file log driver", JsonLogFormat.INSTANCE,
                JsonFileDriverFactory::policy);
    }

    @Override
    protected void validateMore(Map<String, String> config) {
        ExtraAttributes.validate(config);
        String tag = config.getOrDefault("tag", "");
        if (!tag.isEmpty()) {
            LogTag.validate(tag);
        }
    }

    /** The rotation the options ask for; INVALID_ARGUMENT with dockerd's words for a bad value. */
    static RotationPolicy policy(Map<String, String> config) {
        try {
            long maxSize = -1;
            String size = config.get("max-size");
            if (size != null) {
                maxSize = GoStrconv.fromHumanSize(size);
                if (maxSize <= 0) {
                    throw BerthException.invalid("max-size must be a positive number");
                }
            }
            int maxFiles = 1;
            String files = config.get("max-file");
            if (files != null) {
                maxFiles = GoStrconv.atoi(files);
                if (maxFiles < 1) {
                    throw BerthException.invalid("max-file cannot be less than 1");
                }
            }
            String c = config.get("compress");
            boolean compress = c != null && GoStrconv.parseBool(c);
            if (compress && (maxFiles == 1 || maxSize == -1)) {
                throw BerthException.invalid("compress cannot be true when max-file is less than 2 or max-size is not set");
            }
            return new RotationPolicy(maxSize == -1 ? OptionalLong.empty() : OptionalLong.of(maxSize), maxFiles, compress);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid(e.getMessage(), e);
        }
    }

    @Override
    protected LogDriver driver(RotatingLogFile file, LogContext context) {
        Map<String, String> attrs = new HashMap<>(ExtraAttributes.of(context));
        String tagTemplate = context.config().getOrDefault("tag", "");
        if (!tagTemplate.isEmpty()) {
            // no default template: a tag only when the user asked for one
            String tag = LogTag.render(tagTemplate, context);
            if (!tag.isEmpty()) {
                attrs.put("tag", tag);
            }
        }
        return new JsonFileDriver(file, attrs);
    }
}
