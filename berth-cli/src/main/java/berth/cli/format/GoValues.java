package berth.cli.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints template values the way Go's fmt {@code %v} and the docker CLI's {@code json} function do,
 * so scripts written against docker's output read ours the same: lists as {@code [a b]}, maps as
 * {@code map[k:v]} with sorted keys, nil as {@code <nil>}, whole floats without a fraction.
 */
public final class GoValues {
    private GoValues() {}

    private static final class Holder {
        // Go's encoding/json sorts map keys; docker's json function does not escape HTML.
        static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    public static String print(Object v) {
        StringBuilder sb = new StringBuilder();
        print(v, sb);
        return sb.toString();
    }

    private static void print(Object v, StringBuilder sb) {
        switch (v) {
            case null -> sb.append("<nil>");
            case TemplateData d -> print(d.asMap(), sb);
            case Map<?, ?> m -> {
                sb.append("map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    sb.append(e.getKey()).append(':');
                    print(e.getValue(), sb);
                }
                sb.append(']');
            }
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    print(o, sb);
                }
                sb.append(']');
            }
            case Double d -> sb.append(formatFloat(d));
            case Float f -> sb.append(formatFloat(f.doubleValue()));
            default -> sb.append(v);
        }
    }

    /** Go's %v for float64: shortest form, exponent only from 1e21 up (or tiny values). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs >= 1e21 || abs < 1e-4)) {
            String s = String.format("%e", d); // 1.500000e+21
            String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
            String exp = s.substring(s.indexOf('e') + 1);
            return mantissa + "e" + exp;
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** The docker CLI's {@code json} template function: compact JSON, keys sorted, no trailing newline. */
    public static String json(Object v) {
        Object plain = v instanceof TemplateData d ? d.asMap() : v;
        if (plain == Template.NO_VALUE) {
            plain = null;
        }
        try {
            return Holder.SORTED.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new TemplateException("json: " + e.getOriginalMessage());
        }
    }

    /** Go's notion of "true" for {{if}}: not false, zero, nil, or empty. */
    public static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> v != Template.NO_VALUE;
        };
    }
}
