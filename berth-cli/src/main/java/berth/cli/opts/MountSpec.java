package berth.cli.opts;

import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One --mount, docker's CSV of key=value fields: type (bind, volume, tmpfs; volume when left out),
 * source/src, target/dst/destination, readonly/ro, bind-propagation, bind-nonrecursive,
 * volume-nocopy, volume-label, volume-driver, volume-opt, tmpfs-size, tmpfs-mode (octal).
 */
public record MountSpec(String type, String source, String target, boolean readOnly, ObjectNode bindOptions,
        ObjectNode volumeOptions, ObjectNode tmpfsOptions) {

    public static MountSpec parse(String value, Path cwd) {
        String type = "volume";
        String source = "";
        String target = "";
        boolean readOnly = false;
        ObjectNode bind = null;
        ObjectNode volume = null;
        ObjectNode tmpfs = null;
        for (String field : csvFields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "" : field.substring(eq + 1);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> readOnly = true;
                    case "volume-nocopy" -> (volume = orNew(volume)).put("NoCopy", true);
                    case "bind-nonrecursive" -> (bind = orNew(bind)).put("NonRecursive", true);
                    default -> throw new BadValueException("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            switch (key) {
                case "type" -> type = val.toLowerCase(Locale.ROOT);
                case "source", "src" -> source = val.equals(".") || val.startsWith("./")
                        ? cwd.resolve(val).normalize().toString() : val;
                case "target", "dst", "destination" -> target = val;
                case "readonly", "ro" -> readOnly = bool(key, val);
                case "consistency" -> { } // a Docker Desktop hint; no meaning on Linux
                case "bind-propagation" -> (bind = orNew(bind)).put("Propagation", val.toLowerCase(Locale.ROOT));
                case "bind-nonrecursive" -> (bind = orNew(bind)).put("NonRecursive", bool(key, val));
                case "volume-nocopy" -> (volume = orNew(volume)).put("NoCopy", bool(key, val));
                case "volume-label" -> putKeyValue((volume = orNew(volume)).withObject("Labels"), val);
                case "volume-driver" -> (volume = orNew(volume)).withObject("DriverConfig").put("Name", val);
                case "volume-opt" -> putKeyValue((volume = orNew(volume)).withObject("DriverConfig").withObject("Options"), val);
                case "tmpfs-size" -> {
                    try {
                        (tmpfs = orNew(tmpfs)).put("SizeBytes", ByteSizes.ramInBytes(val));
                    } catch (BadValueException e) {
                        throw new BadValueException("invalid value for " + key + ": " + val);
                    }
                }
                case "tmpfs-mode" -> {
                    if (!val.matches("[0-7]{1,11}") || Long.parseLong(val, 8) > 0xFFFFFFFFL) {
                        throw new BadValueException("invalid value for " + key + ": " + val);
                    }
                    (tmpfs = orNew(tmpfs)).put("Mode", Long.parseLong(val, 8));
                }
                default -> throw new BadValueException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (type.isEmpty()) {
            throw new BadValueException("type is required");
        }
        if (target.isEmpty()) {
            throw new BadValueException("target is required");
        }
        if (volume != null && !type.equals("volume")) {
            throw new BadValueException("cannot mix 'volume-*' options with mount type '" + type + "'");
        }
        if (bind != null && !type.equals("bind")) {
            throw new BadValueException("cannot mix 'bind-*' options with mount type '" + type + "'");
        }
        if (tmpfs != null && !type.equals("tmpfs")) {
            throw new BadValueException("cannot mix 'tmpfs-*' options with mount type '" + type + "'");
        }
        return new MountSpec(type, source, target, readOnly, bind, volume, tmpfs);
    }

    /** The HostConfig.Mounts entry, with docker's omitempty fields left out. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("Type", type);
        if (!source.isEmpty()) {
            n.put("Source", source);
        }
        n.put("Target", target);
        if (readOnly) {
            n.put("ReadOnly", true);
        }
        if (bindOptions != null) {
            n.set("BindOptions", bindOptions);
        }
        if (volumeOptions != null) {
            n.set("VolumeOptions", volumeOptions);
        }
        if (tmpfsOptions != null) {
            n.set("TmpfsOptions", tmpfsOptions);
        }
        return n;
    }

    private static ObjectNode orNew(ObjectNode n) {
        return n == null ? Json.object() : n;
    }

    private static boolean bool(String key, String val) {
        try {
            return GoNumbers.parseBool(val);
        } catch (BadValueException e) {
            throw new BadValueException("invalid value for " + key + ": " + val);
        }
    }

    private static void putKeyValue(ObjectNode map, String kv) {
        int eq = kv.indexOf('=');
        map.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }

    /** One CSV record as Go's encoding/csv reads it: commas separate, "quoted" fields may hold commas and "". */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                fieldStart = true;
            } else {
                cur.append(c);
                fieldStart = false;
            }
        }
        if (quoted) {
            throw new BadValueException("parse error on line 1, column " + line.length() + ": extraneous or missing \" in quoted-field");
        }
        out.add(cur.toString());
        return out;
    }
}
