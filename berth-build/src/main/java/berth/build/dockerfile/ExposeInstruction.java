package berth.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPOSE <port>[/<proto>] ...}. The only instruction whose substitution splits words
 * ({@code EXPOSE $PORTS} with {@code PORTS="80 443"} exposes two ports); expanding also checks each
 * port spec.
 */
public record ExposeInstruction(SourceLocation location, List<String> ports) implements Instruction,
        Expandable<ExposeInstruction> {
    private static final Pattern SPEC = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/([^/]*))?");

    public ExposeInstruction {
        Objects.requireNonNull(location, "location");
        ports = List.copyOf(ports);
    }

    @Override
    public String keyword() {
        return "EXPOSE";
    }

    /** Expands, splits and validates: each result is {@code port[-port]/proto} with the protocol lower-cased (tcp by default). */
    @Override
    public ExposeInstruction expand(Expander expander) {
        List<String> specs = ParseErrors.expanding(location, () -> {
            List<String> all = new ArrayList<>();
            ports.forEach(p -> all.addAll(expander.words(p)));
            return all;
        });
        List<String> normalized = new ArrayList<>();
        for (String spec : specs) {
            normalized.add(normalize(spec));
        }
        return new ExposeInstruction(location, normalized);
    }

    private String normalize(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw ParseErrors.at(location.startLine(), "Invalid containerPort: " + spec);
        }
        String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw ParseErrors.at(location.startLine(), "Invalid proto: " + m.group(3));
        }
        int first = port(m.group(1), spec);
        if (m.group(2) != null && port(m.group(2), spec) < first) {
            throw ParseErrors.at(location.startLine(), "Invalid range specified for the Port: " + spec);
        }
        return m.group(1) + (m.group(2) == null ? "" : "-" + m.group(2)) + "/" + proto;
    }

    private int port(String digits, String spec) {
        int port = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (port > 65535) {
            throw ParseErrors.at(location.startLine(), "Invalid containerPort: " + spec);
        }
        return port;
    }
}
