package berth.cli.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small evaluator for the Go text/template subset that docker users put in {@code --format}:
 * text with actions {@code {{ ... }}}; fields and nested fields ({@code .State.Status}); method
 * calls with arguments ({@code .Label "k"}); functions json, join, split, upper, lower, title,
 * println, print, len, index, truncate, pad, eq, ne, not, and, or; pipelines ({@code .Names |
 * upper}); parentheses; {@code if}/{@code else}/{@code range}/{@code end}; and trim markers
 * ({@code {{-} and {@code -}}}). Variables ($x) are not supported.
 *
 * <p>Values are plain Java: {@code Map}, {@code List}, {@code String}, numbers, booleans, null,
 * and {@link TemplateData}. A missing map key or field gives {@link #NO_VALUE}, printed as Go prints
 * it: {@code <no value>}.
 */
public final class Template {
    /** What a missing field evaluates to. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
    }

    public static Template parse(String text) {
        return new Parser(text).parseAll();
    }

    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        run(nodes, data, out);
        return out.toString();
    }

    // ---- syntax tree -------------------------------------------------------------------------

    private sealed interface Node {}

    private record Text(String text) implements Node {}

    private record Action(Pipeline pipeline) implements Node {}

    private record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    private record Range(Pipeline over, List<Node> body, List<Node> otherwise) implements Node {}

    private record Pipeline(List<List<Operand>> commands) {}

    private sealed interface Operand {}

    /** {@code .A.B}; an empty path is the dot itself. */
    private record Field(List<String> path) implements Operand {}

    private record Literal(Object value) implements Operand {}

    private record Function(String name) implements Operand {}

    private record Sub(Pipeline pipeline) implements Operand {}

    /** Fields read from a parenthesized result: {@code (index .Mounts 0).Source}. */
    private record Chain(Operand base, List<String> path) implements Operand {}

    // ---- evaluation --------------------------------------------------------------------------

    private void run(List<Node> list, Object dot, StringBuilder out) {
        for (Node n : list) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Action a -> out.append(GoValues.print(eval(a.pipeline(), dot)));
                case If i -> run(GoValues.truthy(eval(i.condition(), dot)) ? i.then() : i.otherwise(), dot, out);
                case Range r -> {
                    Object over = eval(r.over(), dot);
                    Collection<?> items = switch (over) {
                        case Collection<?> c -> c;
                        case Map<?, ?> m -> new TreeMap<>(m).values();
                        case null -> List.of();
                        default -> {
                            if (over == NO_VALUE) {
                                yield List.of();
                            }
                            throw new TemplateException("range can't iterate over " + GoValues.print(over));
                        }
                    };
                    if (items.isEmpty()) {
                        run(r.otherwise(), dot, out);
                    }
                    for (Object item : items) {
                        run(r.body(), item, out);
                    }
                }
            }
        }
    }

    private Object eval(Pipeline p, Object dot) {
        Object result = null;
        boolean first = true;
        for (List<Operand> cmd : p.commands()) {
            List<Operand> ops = cmd;
            result = evalCommand(ops, dot, first ? null : result, !first);
            first = false;
        }
        return result;
    }

    /** One command: a single operand, a function call, or a method call; {@code piped} is appended as last argument. */
    private Object evalCommand(List<Operand> ops, Object dot, Object piped, boolean hasPiped) {
        Operand head = ops.getFirst();
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < ops.size(); i++) {
            args.add(evalOperand(ops.get(i), dot));
        }
        if (hasPiped) {
            args.add(piped);
        }
        return switch (head) {
            case Function f -> Functions.call(f.name(), args);
            case Field f when !args.isEmpty() -> {
                if (f.path().isEmpty()) {
                    throw new TemplateException("can't give argument to non-function .");
                }
                Object receiver = walk(dot, f.path().subList(0, f.path().size() - 1));
                String method = f.path().getLast();
                if (receiver instanceof TemplateData d) {
                    yield d.call(method, args);
                }
                throw new TemplateException("can't call method " + method + " on " + GoValues.print(receiver));
            }
            default -> {
                if (!args.isEmpty()) {
                    throw new TemplateException("can't give argument to non-function " + head);
                }
                yield evalOperand(head, dot);
            }
        };
    }

    private Object evalOperand(Operand op, Object dot) {
        return switch (op) {
            case Field f -> walk(dot, f.path());
            case Literal l -> l.value();
            case Function f -> Functions.call(f.name(), List.of());
            case Sub s -> eval(s.pipeline(), dot);
            case Chain c -> walk(evalOperand(c.base(), dot), c.path());
        };
    }

    private static Object walk(Object value, List<String> path) {
        Object v = value;
        for (String name : path) {
            v = switch (v) {
                case TemplateData d -> d.field(name);
                case Map<?, ?> m -> m.containsKey(name) ? m.get(name) : NO_VALUE;
                case null -> throw new TemplateException("nil pointer evaluating ." + name);
                default -> {
                    if (v == NO_VALUE) {
                        yield NO_VALUE;
                    }
                    throw new TemplateException("can't evaluate field " + name + " in type " + typeName(v));
                }
            };
        }
        return v;
    }

    private static String typeName(Object v) {
        return switch (v) {
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "bool";
            case List<?> l -> "[]interface {}";
            default -> v.getClass().getSimpleName();
        };
    }

    // ---- parsing -----------------------------------------------------------------------------

    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        Template parseAll() {
            List<Node> nodes = new ArrayList<>();
            String end = parseList(nodes);
            if (end != null) {
                throw new TemplateException("unexpected {{" + end + "}}");
            }
            return new Template(List.copyOf(nodes));
        }

        /** Parses nodes until end of input (returns null) or an {{else}}/{{end}} (returns which). */
        private String parseList(List<Node> into) {
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                if (open < 0) {
                    into.add(new Text(src.substring(pos)));
                    pos = src.length();
                    break;
                }
                String text = src.substring(pos, open);
                int actionStart = open + 2;
                if (src.startsWith("-", actionStart) && actionStart + 1 < src.length()
                        && Character.isWhitespace(src.charAt(actionStart + 1))) {
                    text = text.stripTrailing();
                    actionStart++;
                }
                if (!text.isEmpty()) {
                    into.add(new Text(text));
                }
                int close = findClose(actionStart);
                String body = src.substring(actionStart, close);
                pos = close + 2;
                if (body.endsWith("-") && body.length() >= 2 && Character.isWhitespace(body.charAt(body.length() - 2))) {
                    body = body.substring(0, body.length() - 1);
                    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                        pos++;
                    }
                }
                String trimmed = body.strip();
                if (trimmed.startsWith("/*")) {
                    continue; // a comment
                }
                String keyword = trimmed.split("\\s+", 2)[0];
                switch (keyword) {
                    case "end", "else" -> {
                        if (!trimmed.equals(keyword)) {
                            throw new TemplateException("unexpected text after " + keyword + ": " + trimmed);
                        }
                        return keyword;
                    }
                    case "if", "range" -> {
                        Pipeline p = new ActionLexer(trimmed.substring(keyword.length())).pipeline();
                        List<Node> then = new ArrayList<>();
                        List<Node> otherwise = new ArrayList<>();
                        String stop = parseList(then);
                        if ("else".equals(stop)) {
                            stop = parseList(otherwise);
                        }
                        if (!"end".equals(stop)) {
                            throw new TemplateException("unexpected EOF: {{" + keyword + "}} without {{end}}");
                        }
                        into.add(keyword.equals("if") ? new If(p, List.copyOf(then), List.copyOf(otherwise))
                                : new Range(p, List.copyOf(then), List.copyOf(otherwise)));
                    }
                    default -> into.add(new Action(new ActionLexer(trimmed).pipeline()));
                }
            }
            return null;
        }

        private int findClose(int from) {
            boolean inString = false;
            char quote = 0;
            for (int i = from; i < src.length(); i++) {
                char c = src.charAt(i);
                if (inString) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        inString = false;
                    }
                } else if (c == '"' || c == '`') {
                    inString = true;
                    quote = c;
                } else if (c == '}' && src.startsWith("}}", i)) {
                    return i;
                }
            }
            throw new TemplateException("unclosed action");
        }
    }

    /** Parses the inside of one action into a pipeline. */
    private static final class ActionLexer {
        private final String s;
        private int i;

        ActionLexer(String s) {
            this.s = s;
        }

        Pipeline pipeline() {
            Pipeline p = parsePipeline();
            skipSpace();
            if (i < s.length()) {
                throw new TemplateException("unexpected \"" + s.substring(i) + "\" in action");
            }
            return p;
        }

        private Pipeline parsePipeline() {
            List<List<Operand>> commands = new ArrayList<>();
            List<Operand> current = new ArrayList<>();
            while (true) {
                skipSpace();
                if (i >= s.length() || s.charAt(i) == ')') {
                    break;
                }
                char c = s.charAt(i);
                if (c == '|') {
                    i++;
                    if (current.isEmpty()) {
                        throw new TemplateException("missing command before |");
                    }
                    commands.add(List.copyOf(current));
                    current = new ArrayList<>();
                    continue;
                }
                current.add(operand());
            }
            if (current.isEmpty()) {
                throw new TemplateException(commands.isEmpty() ? "missing value for command" : "missing command after |");
            }
            commands.add(List.copyOf(current));
            return new Pipeline(List.copyOf(commands));
        }

        private Operand operand() {
            char c = s.charAt(i);
            if (c == '.') {
                List<String> path = new ArrayList<>();
                i++;
                if (i < s.length() && isIdentStart(s.charAt(i))) {
                    path.add(ident());
                    while (i < s.length() && s.charAt(i) == '.') {
                        i++;
                        path.add(ident());
                    }
                }
                return new Field(List.copyOf(path));
            }
            if (c == '"') {
                return new Literal(quoted());
            }
            if (c == '`') {
                int end = s.indexOf('`', i + 1);
                if (end < 0) {
                    throw new TemplateException("unterminated raw string");
                }
                String v = s.substring(i + 1, end);
                i = end + 1;
                return new Literal(v);
            }
            if (c == '(') {
                i++;
                Pipeline p = parsePipeline();
                if (i >= s.length() || s.charAt(i) != ')') {
                    throw new TemplateException("unclosed left paren");
                }
                i++;
                List<String> path = new ArrayList<>();
                while (i + 1 < s.length() && s.charAt(i) == '.' && isIdentStart(s.charAt(i + 1))) {
                    i++;
                    path.add(ident());
                }
                return path.isEmpty() ? new Sub(p) : new Chain(new Sub(p), List.copyOf(path));
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = i;
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                String num = s.substring(start, i);
                return new Literal(num.contains(".") ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num));
            }
            if (c == '$') {
                throw new TemplateException("template variables ($) are not supported");
            }
            if (isIdentStart(c)) {
                String name = ident();
                return switch (name) {
                    case "true" -> new Literal(Boolean.TRUE);
                    case "false" -> new Literal(Boolean.FALSE);
                    case "nil" -> new Literal(null);
                    default -> {
                        if (!Functions.exists(name)) {
                            throw new TemplateException("function \"" + name + "\" not defined");
                        }
                        yield new Function(name);
                    }
                };
            }
            throw new TemplateException("unexpected \"" + c + "\" in action");
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> e;
                    });
                } else {
                    sb.append(c);
                }
            }
            throw new TemplateException("unterminated quoted string");
        }

        private String ident() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new TemplateException("bad field name at \"" + s.substring(start) + "\"");
            }
            return s.substring(start, i);
        }

        private static boolean isIdentStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    /** The template functions: Go's builtins that users reach for plus the docker CLI's additions. */
    static final class Functions {
        private static final java.util.Set<String> NAMES = java.util.Set.of("json", "join", "split", "upper", "lower",
                "title", "println", "print", "len", "index", "truncate", "pad", "eq", "ne", "not", "and", "or");

        static boolean exists(String name) {
            return NAMES.contains(name);
        }

        static Object call(String name, List<Object> a) {
            return switch (name) {
                case "json" -> GoValues.json(arg(a, 0, 1, name));
                case "join" -> {
                    Object list = arg(a, 0, 2, name);
                    String sep = str(a.get(1));
                    if (!(list instanceof Collection<?> c)) {
                        throw new TemplateException("join: expected a list, got " + GoValues.print(list));
                    }
                    List<String> parts = new ArrayList<>();
                    c.forEach(o -> parts.add(GoValues.print(o)));
                    yield String.join(sep, parts);
                }
                case "split" -> {
                    arg(a, 0, 2, name);
                    yield List.of((Object[]) str(a.get(0)).split(java.util.regex.Pattern.quote(str(a.get(1))), -1));
                }
                case "upper" -> str(arg(a, 0, 1, name)).toUpperCase(Locale.ROOT);
                case "lower" -> str(arg(a, 0, 1, name)).toLowerCase(Locale.ROOT);
                case "title" -> {
                    String s = str(arg(a, 0, 1, name));
                    yield s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
                }
                case "println" -> String.join(" ", a.stream().map(GoValues::print).toList()) + "\n";
                case "print" -> String.join("", a.stream().map(GoValues::print).toList());
                case "len" -> switch (arg(a, 0, 1, name)) {
                    case Collection<?> c -> (long) c.size();
                    case Map<?, ?> m -> (long) m.size();
                    case String s -> (long) s.length();
                    default -> throw new TemplateException("len of " + GoValues.print(a.get(0)));
                };
                case "index" -> {
                    Object v = arg(a, 0, 2, name);
                    Object k = a.get(1);
                    yield switch (v) {
                        case List<?> l -> l.get(((Number) k).intValue());
                        case Map<?, ?> m -> m.containsKey(k) ? m.get(k) : NO_VALUE;
                        default -> throw new TemplateException("can't index " + GoValues.print(v));
                    };
                }
                case "truncate" -> {
                    String s = str(arg(a, 0, 2, name));
                    int n = ((Number) a.get(1)).intValue();
                    yield s.codePointCount(0, s.length()) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
                }
                case "pad" -> {
                    if (a.size() != 3) {
                        throw new TemplateException("wrong number of args for pad: want 3 got " + a.size());
                    }
                    yield " ".repeat(((Number) a.get(1)).intValue()) + str(a.get(0)) + " ".repeat(((Number) a.get(2)).intValue());
                }
                case "eq" -> {
                    arg(a, 0, 2, name);
                    yield equal(a.get(0), a.get(1));
                }
                case "ne" -> {
                    arg(a, 0, 2, name);
                    yield !equal(a.get(0), a.get(1));
                }
                case "not" -> !GoValues.truthy(arg(a, 0, 1, name));
                case "and" -> {
                    Object last = null;
                    for (Object o : a) {
                        last = o;
                        if (!GoValues.truthy(o)) {
                            break;
                        }
                    }
                    yield last;
                }
                case "or" -> {
                    Object last = null;
                    for (Object o : a) {
                        last = o;
                        if (GoValues.truthy(o)) {
                            break;
                        }
                    }
                    yield last;
                }
                default -> throw new TemplateException("function \"" + name + "\" not defined");
            };
        }

        private static boolean equal(Object x, Object y) {
            if (x instanceof Number n && y instanceof Number m) {
                return n.doubleValue() == m.doubleValue();
            }
            return java.util.Objects.equals(x, y);
        }

        private static Object arg(List<Object> a, int index, int expected, String fn) {
            if (a.size() != expected) {
                throw new TemplateException("wrong number of args for " + fn + ": want " + expected + " got " + a.size());
            }
            return a.get(index);
        }

        private static String str(Object o) {
            return o instanceof String s ? s : GoValues.print(o);
        }
    }
}
