package berth.cli.format;

import berth.client.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
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
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            writeJson(plain, g);
        } catch (JsonProcessingException e) {
            throw new TemplateException("json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the plain values templates hold (maps, collections, strings, numbers, booleans, null)
     * with a bare generator, as the sorting mapper would write them; only other types go to that
     * mapper, which is slow to build and so is kept off the common path.
     */
    private static void writeJson(Object v, JsonGenerator g) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Collection<?> c -> {
                g.writeStartArray(c, c.size());
                for (Object o : c) {
                    writeJson(o, g);
                }
                g.writeEndArray();
            }
            case Map<?, ?> m when sortable(m) -> {
                g.writeStartObject(m, m.size());
                for (Map.Entry<?, ?> e : (m instanceof SortedMap<?, ?> ? m : new TreeMap<>(m)).entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeJson(e.getValue(), g);
                }
                g.writeEndObject();
            }
            default -> Holder.SORTED.writeValue(g, v);
        }
    }

    /** Whether the map's keys are strings (so sorting them in a TreeMap is what the mapper does too). */
    private static boolean sortable(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
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
