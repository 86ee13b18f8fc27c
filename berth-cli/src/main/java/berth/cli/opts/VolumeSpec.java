package berth.cli.opts;

import java.nio.file.Path;

/**
 * One -v/--volume, "[source:]target[:options]". With a source it becomes a HostConfig.Binds entry
 * (a "./relative" or "." source made absolute, as docker does); a bare target is an anonymous volume
 * that goes into Config.Volumes.
 */
public record VolumeSpec(String bind, String anonymousTarget) {

    public static VolumeSpec parse(String spec, Path cwd) {
        if (spec.isEmpty()) {
            throw new BadValueException("invalid empty volume spec");
        }
        String[] parts = spec.split(":", -1);
        if (parts.length > 3) {
            throw new BadValueException("invalid spec: " + spec + ": too many colons");
        }
        if (parts.length == 1) {
            return new VolumeSpec(null, spec);
        }
        String source = parts[0];
        if (source.equals(".") || source.startsWith("./") || source.equals("..") || source.startsWith("../")) {
            source = cwd.resolve(source).normalize().toString();
        }
        StringBuilder b = new StringBuilder(source).append(':').append(parts[1]);
        if (parts.length == 3) {
            b.append(':').append(parts[2]);
        }
        return new VolumeSpec(b.toString(), null);
    }
}
