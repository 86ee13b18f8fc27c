package berth.cli.opts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * --env-file (and --label-file), read by the CLI as docker reads them: one VAR=value per line, kept
 * verbatim (no quotes removed, no trimming of the value); blank lines and lines starting with # are
 * skipped; a bare VAR takes its value from the CLI's own environment, or is left out when unset.
 */
public final class EnvFiles {
    private EnvFiles() {}

    /**
     * {@code -e} values as docker takes them: {@code KEY=VAL} as given; a bare {@code KEY} takes the
     * caller's value, or is left out when the caller has none.
     */
    public static List<String> resolve(List<String> entries, Map<String, String> hostEnv) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (e.contains("=")) {
                out.add(e);
            } else if (hostEnv.containsKey(e)) {
                out.add(e + "=" + hostEnv.get(e));
            }
        }
        return out;
    }

    public static List<String> read(Path file, Map<String, String> hostEnv) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadValueException(OsErrors.goOpenError(file, e));
        }
        return parse(bytes, file.toString(), hostEnv);
    }

    static List<String> parse(byte[] bytes, String name, Map<String, String> hostEnv) {
        List<String> out = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = utf8(lines[i].getBytes(StandardCharsets.ISO_8859_1), name, i + 1);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String variable = (eq < 0 ? trimmed : trimmed.substring(0, eq)).stripLeading();
            if (variable.isEmpty()) {
                throw new BadValueException("no variable name on line '" + trimmed + "'");
            }
            if (variable.chars().anyMatch(Character::isWhitespace)) {
                throw new BadValueException("variable '" + variable + "' contains whitespaces");
            }
            if (eq >= 0) {
                out.add(variable + "=" + trimmed.substring(eq + 1));
            } else if (hostEnv.containsKey(variable)) {
                out.add(variable + "=" + hostEnv.get(variable));
            }
        }
        return out;
    }

    private static String utf8(byte[] line, String name, int number) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new BadValueException("env file " + name + " contains invalid utf8 bytes at line " + number);
        }
    }
}
