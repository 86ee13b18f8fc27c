package berth.distribution;

import berth.errors.BerthException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image platform, {@code os/architecture[/variant]}, always held in containerd's normal form:
 * {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64} (its {@code v8} variant
 * dropped), {@code armhf} is {@code arm/v7}, a bare {@code arm} is {@code arm/v7}. Compare platforms
 * only after normalising, as {@link #of} does.
 *
 * @param variant empty when the architecture has none (or its default one)
 */
public record Platform(String os, String architecture, Optional<String> variant) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "illumos",
            "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows");
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "arm", "arm64", "loong64", "mips", "mips64",
            "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x", "wasm", "x86_64", "x86-64", "aarch64",
            "armhf", "armel", "i386");

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", Optional.empty());

    public Platform {
        if (os == null || !PART.matcher(os).matches() || architecture == null || !PART.matcher(architecture).matches()
                || (variant != null && variant.isPresent() && !PART.matcher(variant.get()).matches())) {
            throw BerthException.invalid("invalid platform: os " + os + ", architecture " + architecture
                    + " (each part must be letters, digits, _ or -)");
        }
        variant = variant == null ? Optional.empty() : variant;
    }

    /** The normal form of the given parts. */
    public static Platform of(String os, String architecture, Optional<String> variant) {
        String normalOs = os.toLowerCase(Locale.ROOT).equals("macos") ? "darwin" : os.toLowerCase(Locale.ROOT);
        String arch = architecture.toLowerCase(Locale.ROOT);
        String v = variant.map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).orElse("");
        switch (arch) {
            case "i386" -> arch = "386";
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                v = switch (v) {
                    case "8", "v8", "v8.0" -> "";
                    case "9", "9.0", "v9.0" -> "v9";
                    default -> v;
                };
            }
            case "armhf" -> {
                arch = "arm";
                v = "v7";
            }
            case "armel" -> {
                arch = "arm";
                v = "v6";
            }
            case "arm" -> v = switch (v) {
                case "", "7" -> "v7";
                case "5", "6", "8" -> "v" + v;
                default -> v;
            };
            default -> { }
        }
        return new Platform(normalOs, arch, v.isEmpty() ? Optional.empty() : Optional.of(v));
    }

    /**
     * Parses what {@code --platform} takes: {@code os/arch[/variant]}, or a bare architecture
     * ({@code arm64}, on linux) or a bare OS (on the host's architecture), as containerd does.
     */
    public static Platform parse(String specifier) {
        if (specifier == null || specifier.isEmpty()) {
            throw BerthException.invalid("invalid platform: empty (expected os/arch[/variant], e.g. linux/arm64)");
        }
        String[] parts = specifier.split("/", -1);
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                throw BerthException.invalid("invalid platform \"" + specifier
                        + "\": expected os/arch[/variant], e.g. linux/arm64/v8");
            }
        }
        return switch (parts.length) {
            case 1 -> {
                String only = parts[0].toLowerCase(Locale.ROOT);
                if (KNOWN_OS.contains(only) || only.equals("macos")) {
                    Platform host = host();
                    yield of(only, host.architecture(), host.variant());
                }
                if (KNOWN_ARCH.contains(only)) {
                    yield of("linux", only, Optional.empty());
                }
                throw BerthException.invalid("\"" + specifier + "\": unknown operating system or architecture");
            }
            case 2 -> of(parts[0], parts[1], Optional.empty());
            case 3 -> of(parts[0], parts[1], Optional.of(parts[2]));
            default -> throw BerthException.invalid("invalid platform \"" + specifier
                    + "\": expected os/arch[/variant], e.g. linux/arm64/v8");
        };
    }

    /** The platform this JVM runs on; linux/amd64 when the architecture is one Java names differently. */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64");
        return switch (arch) {
            case "aarch64", "arm64" -> of("linux", "arm64", Optional.empty());
            case "arm" -> of("linux", "arm", Optional.empty());
            case "ppc64le", "s390x", "riscv64" -> of("linux", arch, Optional.empty());
            default -> LINUX_AMD64;
        };
    }

    /** {@code linux/arm/v7}, as Docker prints platforms. */
    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
