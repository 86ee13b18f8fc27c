package berth.compose.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The dotenv format of {@code .env} and {@code env_file}: {@code KEY=VALUE} lines, optional {@code
 * export }, {@code #} comments, single quotes (literal), double quotes (escapes {@code \n \t \" \\},
 * interpolation), unquoted values (trailing {@code " #comment"} dropped, interpolated); a bare {@code
 * KEY} takes its value from the lookup or stays unset (null).
 */
final class EnvFile {
  private EnvFile() {}

  static Map<String, String> read(Path file, Function<String, String> lookup) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComposeFileException("cannot read env file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), lookup);
  }

  static Map<String, String> parse(String text, String where, Function<String, String> lookup) {
    Map<String, String> out = new LinkedHashMap<>();
    // earlier lines are visible to later ones, before the outer lookup
    Function<String, String> scoped = k -> out.containsKey(k) ? out.get(k) : lookup.apply(k);
    Interpolator interpolator = new Interpolator(scoped);
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      String lineWhere = where + ":" + (n + 1);
      if (key.isEmpty() || !key.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
        throw new ComposeFileException(lineWhere + ": invalid variable name \"" + key + "\"");
      }
      if (eq < 0) {
        out.put(key, lookup.apply(key));
        continue;
      }
      String raw = line.substring(eq + 1).strip();
      String value;
      if (raw.startsWith("'")) {
        int end = raw.indexOf('\'', 1);
        if (end < 0) {
          // a quoted value may span lines
          StringBuilder sb = new StringBuilder(raw.substring(1));
          while (end < 0 && ++n < lines.length) {
            end = lines[n].indexOf('\'');
            sb.append('\n').append(end < 0 ? lines[n] : lines[n].substring(0, end));
          }
          if (end < 0) throw new ComposeFileException(lineWhere + ": unterminated quoted value for " + key);
          value = sb.toString();
        } else {
          value = raw.substring(1, end);
        }
      } else if (raw.startsWith("\"")) {
        StringBuilder sb = new StringBuilder();
        String rest = raw.substring(1);
        int end = closingQuote(rest);
        while (end < 0 && n + 1 < lines.length) {
          rest = rest + "\n" + lines[++n];
          end = closingQuote(rest);
        }
        if (end < 0) throw new ComposeFileException(lineWhere + ": unterminated quoted value for " + key);
        String body = rest.substring(0, end);
        for (int i = 0; i < body.length(); i++) {
          char c = body.charAt(i);
          if (c == '\\' && i + 1 < body.length()) {
            char e = body.charAt(++i);
            sb.append(
                switch (e) {
                  case 'n' -> "\n";
                  case 't' -> "\t";
                  case 'r' -> "\r";
                  case '"' -> "\"";
                  case '\\' -> "\\";
                  case '$' -> "$$";
                  default -> "\\" + e;
                });
          } else {
            sb.append(c);
          }
        }
        value = interpolator.interpolate(sb.toString(), key, where);
      } else {
        int hash = raw.indexOf(" #");
        if (hash >= 0) raw = raw.substring(0, hash).strip();
        value = interpolator.interpolate(raw, key, where);
      }
      out.put(key, value);
    }
    return out;
  }

  private static int closingQuote(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') i++;
      else if (s.charAt(i) == '"') return i;
    }
    return -1;
  }
}
