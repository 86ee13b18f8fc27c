package berth.build.dockerfile;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile cut into stages, with the global ARGs (those before the first FROM, visible to FROM
 * lines only). Stage names are case-insensitive and unique.
 *
 * <p>Example: for {@code ARG V=3\nFROM alpine:$V AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /}
 * there is one global ARG and two stages; {@code target("BUILD")} is stage 0, and
 * {@code stageFor("build", stages().get(1), line)} resolves the COPY's source to it.
 */
public record BuildStages(List<ArgInstruction> globalArgs, List<Stage> stages) {
    /**
     * Build args Docker accepts without an ARG line (the proxy settings); they reach RUN steps but, as
     * in Docker, are left out of history and the cache key.
     */
    public static final List<String> PREDEFINED_ARGS = List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY",
            "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    public BuildStages {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a build has at least one stage");
        }
    }

    /**
     * @throws BerthException INVALID_ARGUMENT naming the line, for an instruction other than ARG before
     *     the first FROM or a stage name used twice
     */
    public static BuildStages of(Dockerfile dockerfile) {
        List<ArgInstruction> globals = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        FromInstruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction instanceof FromInstruction next) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from.stageName(), from, body));
                    body = new ArrayList<>();
                }
                next.stageName().ifPresent(name -> {
                    if (names.putIfAbsent(name, stages.size()) != null) {
                        throw ParseErrors.at(next.location().startLine(), "duplicate stage name \"" + name + "\"");
                    }
                });
                from = next;
            } else if (from == null) {
                if (!(instruction instanceof ArgInstruction arg)) {
                    throw ParseErrors.at(instruction.location().startLine(), "no build stage in current context");
                }
                globals.add(arg);
            } else {
                body.add(instruction);
            }
        }
        if (from == null) {
            throw BerthException.invalid("no build stage in current context: the Dockerfile has no FROM");
        }
        stages.add(new Stage(stages.size(), from.stageName(), from, body));
        return new BuildStages(globals, stages);
    }

    /** The last stage: what is built without {@code --target}. */
    public Stage last() {
        return stages.getLast();
    }

    /**
     * The stage {@code --target} names (case-insensitive).
     *
     * @throws BerthException INVALID_ARGUMENT "failed to reach build target X in Dockerfile" when none has that name
     */
    public Stage target(String target) {
        String wanted = target.toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> s.name().filter(wanted::equals).isPresent()).findFirst()
                .orElseThrow(() -> BerthException.invalid("failed to reach build target " + target + " in Dockerfile"));
    }

    /**
     * What a {@code FROM <ref>} or {@code COPY --from=<ref>} in stage {@code current} refers to: an
     * earlier stage by name (case-insensitive) or by index, or else (empty) an image to pull.
     *
     * @param line the instruction's line, for the error
     * @throws BerthException INVALID_ARGUMENT for an index of the current or a later stage
     */
    public Optional<Stage> stageFor(String ref, Stage current, int line) {
        if (!ref.isEmpty() && ref.chars().allMatch(Character::isDigit)) {
            int index = ref.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(ref);
            if (index >= current.index()) {
                throw ParseErrors.at(line, "invalid from flag value " + ref + ": refers to current or future build stage");
            }
            return Optional.of(stages.get(index));
        }
        String wanted = ref.toLowerCase(Locale.ROOT);
        return stages.subList(0, current.index()).stream()
                .filter(s -> s.name().filter(wanted::equals).isPresent()).findFirst();
    }

    /**
     * The values the FROM lines expand with: each global ARG in order takes its {@code --build-arg}
     * value, else its default (itself expanded with the ARGs before it); an ARG with neither is unset.
     */
    public Map<String, String> globalScope(Map<String, String> buildArgs, Substitution substitution) {
        Map<String, String> scope = new LinkedHashMap<>();
        for (ArgInstruction arg : globalArgs) {
            for (ArgDeclaration declaration : arg.args()) {
                String name = declaration.name();
                if (buildArgs.containsKey(name)) {
                    scope.put(name, buildArgs.get(name));
                } else if (declaration.defaultValue().isPresent()) {
                    String value = ParseErrors.expanding(arg.location(),
                            () -> substitution.word(declaration.defaultValue().get(), scope));
                    scope.put(name, value);
                }
            }
        }
        return scope;
    }
}
