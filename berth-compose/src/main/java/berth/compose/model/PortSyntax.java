package berth.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short port syntax {@code [[host_ip:][published]:]target[/protocol]} (ranges allowed, IPv6
 * host in brackets) to long-form maps, one per container port.
 */
final class PortSyntax {
  private PortSyntax() {}

  static List<Map<String, Object>> parse(String spec, String path) {
    String s = spec.strip();
    String protocol = null;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      protocol = s.substring(slash + 1);
      s = s.substring(0, slash);
      if (protocol.isEmpty()) throw bad(spec, path, "empty protocol");
    }
    String hostIp = null;
    String published = null;
    String target;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') throw bad(spec, path, "bad IPv6 host");
      hostIp = s.substring(1, close);
      String rest = s.substring(close + 2);
      int c = rest.lastIndexOf(':');
      if (c < 0) throw bad(spec, path, "missing container port");
      published = rest.substring(0, c);
      target = rest.substring(c + 1);
    } else {
      int last = s.lastIndexOf(':');
      if (last < 0) {
        target = s;
      } else {
        target = s.substring(last + 1);
        String head = s.substring(0, last);
        int prev = head.lastIndexOf(':');
        if (prev < 0) {
          published = head;
        } else {
          published = head.substring(prev + 1);
          hostIp = head.substring(0, prev);
        }
      }
    }
    if (published != null && published.isEmpty()) published = null;
    long[] t = range(target, spec, path, "container port");
    long[] p = published == null ? null : range(published, spec, path, "host port");
    List<Map<String, Object>> out = new ArrayList<>();
    int count = (int) (t[1] - t[0] + 1);
    if (p != null && p[1] - p[0] + 1 != count && count != 1) {
      throw bad(spec, path, "host port range and container port range differ in size");
    }
    for (int i = 0; i < count; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", "ingress");
      if (hostIp != null && !hostIp.isEmpty()) m.put("host_ip", hostIp);
      m.put("target", t[0] + i);
      if (p != null) {
        m.put("published", count == 1 ? published : Long.toString(p[0] + i));
      }
      m.put("protocol", protocol == null ? "tcp" : protocol);
      out.add(m);
    }
    return out;
  }

  private static long[] range(String s, String spec, String path, String what) {
    int dash = s.indexOf('-');
    try {
      long lo = Long.parseLong(dash < 0 ? s : s.substring(0, dash));
      long hi = dash < 0 ? lo : Long.parseLong(s.substring(dash + 1));
      if (lo < 0 || hi > 65535 || hi < lo) throw bad(spec, path, "invalid " + what + " \"" + s + "\"");
      return new long[] {lo, hi};
    } catch (NumberFormatException e) {
      throw bad(spec, path, "invalid " + what + " \"" + s + "\"");
    }
  }

  private static ComposeFileException bad(String spec, String path, String why) {
    return new ComposeFileException(
        path + ": invalid port \"" + spec + "\": " + why + "; expected [[host_ip:]published:]target[/protocol]");
  }
}
