package berth.compose.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 1m30s}, Go's syntax) and sizes ({@code 512m}, Docker's binary units). */
final class Units {
  private Units() {}

  private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  /** Parses a Go duration ({@code 1h2m3.5s}, {@code 500ms}, {@code 0}); throws on anything else. */
  static Duration duration(String s, String path) {
    String t = s.strip();
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) t = t.substring(1);
    if (t.equals("0")) return Duration.ZERO;
    if (t.isEmpty()) throw bad(s, path);
    Matcher m = DURATION_PART.matcher(t);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) throw bad(s, path);
      BigDecimal unit =
          switch (m.group(2)) {
            case "ns" -> BigDecimal.ONE;
            case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
          };
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
      pos = m.end();
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  /** Go's {@code time.Duration.String()}: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
  static String format(Duration d) {
    long n = d.toNanos();
    if (n == 0) return "0s";
    StringBuilder sb = new StringBuilder();
    if (n < 0) {
      sb.append('-');
      n = -n;
    }
    if (n < 1_000_000_000L) {
      if (n < 1_000) return sb.append(n).append("ns").toString();
      if (n < 1_000_000) return sb.append(fraction(n, 1_000)).append("µs").toString();
      return sb.append(fraction(n, 1_000_000)).append("ms").toString();
    }
    long h = n / 3_600_000_000_000L;
    n %= 3_600_000_000_000L;
    long m = n / 60_000_000_000L;
    n %= 60_000_000_000L;
    if (h > 0) sb.append(h).append('h');
    if (h > 0 || m > 0) sb.append(m).append('m');
    return sb.append(fraction(n, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long n, long unit) {
    return new BigDecimal(n).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }

  /** Bytes from {@code 512m}, {@code 1gb}, {@code 1.5G}, {@code 1024} (binary multiples). */
  static long bytes(Object value, String path) {
    if (value instanceof Number n) return n.longValue();
    String s = String.valueOf(value).strip();
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw new ComposeFileException(path + ": invalid size \"" + s + "\": expected a number with an optional unit b, k, m, g, t or p");
    }
    long mult =
        m.group(2) == null
            ? 1
            : switch (Character.toLowerCase(m.group(2).charAt(0))) {
              case 'k' -> 1L << 10;
              case 'm' -> 1L << 20;
              case 'g' -> 1L << 30;
              case 't' -> 1L << 40;
              default -> 1L << 50;
            };
    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)).longValue();
  }

  private static ComposeFileException bad(String s, String path) {
    return new ComposeFileException(path + ": invalid duration \"" + s + "\": expected e.g. 30s, 1m30s, 500ms");
  }
}
