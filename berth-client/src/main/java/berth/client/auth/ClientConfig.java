package berth.client.auth;

import berth.client.ClientException;
import berth.client.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client configuration file ({@code config.json}): its {@code auths} entries read, written and
 * removed, every other key kept as it was. See the package documentation for where the file is.
 *
 * <p>An entry is {@code {"auth": base64(user:password)}}, with {@code "identitytoken"} when the
 * registry issued one at login (then the password part is empty), as the docker CLI writes it.
 */
public final class ClientConfig {
    public static final String FILE_NAME = "config.json";

    private final Path readFrom;
    private final Path writeTo;
    private final ObjectNode root;

    private ClientConfig(Path readFrom, Path writeTo, ObjectNode root) {
        this.readFrom = readFrom;
        this.writeTo = writeTo;
        this.root = root;
    }

    /**
     * Finds and reads the file.
     *
     * @param configDir the {@code --config} option, if given (it wins over {@code $DOCKER_CONFIG})
     */
    public static ClientConfig load(Optional<String> configDir, Map<String, String> env) {
        Optional<Path> dir = configDir.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("DOCKER_CONFIG")).filter(s -> !s.isBlank()))
                .map(Path::of);
        if (dir.isPresent()) {
            Path f = dir.get().resolve(FILE_NAME);
            return read(f, f);
        }
        Path home = Path.of(Optional.ofNullable(env.get("HOME")).filter(s -> !s.isBlank())
                .orElse(System.getProperty("user.home")));
        Path berth = home.resolve(".berth").resolve(FILE_NAME);
        Path docker = home.resolve(".docker").resolve(FILE_NAME);
        if (!Files.exists(berth) && Files.exists(docker)) {
            return read(docker, berth);
        }
        return read(berth, berth);
    }

    /** Reads {@code readFrom} (absent = empty) and will save to {@code writeTo}. */
    public static ClientConfig read(Path readFrom, Path writeTo) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(readFrom);
        } catch (NoSuchFileException e) {
            return new ClientConfig(readFrom, writeTo, Json.object());
        } catch (IOException e) {
            throw new ClientException("cannot read the client configuration " + readFrom + ": " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = Json.parse(bytes);
        } catch (ClientException e) {
            throw new ClientException("the client configuration " + readFrom + " is not valid JSON: "
                    + e.getCause().getMessage(), e);
        }
        if (node.isMissingNode()) {
            return new ClientConfig(readFrom, writeTo, Json.object());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ClientException("the client configuration " + readFrom + " is not a JSON object");
        }
        return new ClientConfig(readFrom, writeTo, o);
    }

    /** The file the configuration was read from (it may not exist). */
    public Path path() {
        return readFrom;
    }

    /** The file {@link #save()} writes. */
    public Path writePath() {
        return writeTo;
    }

    /**
     * The stored credentials for a registry key ({@link RegistryKeys#serverKey}): the entry with exactly
     * that key, else one whose key names the same registry in another spelling ({@code https://host/v2/}).
     */
    public Optional<AuthConfig> credentials(String registryKey) {
        JsonNode auths = root.path("auths");
        JsonNode entry = auths.get(registryKey);
        if (entry == null) {
            for (var it = auths.fields(); it.hasNext() && entry == null; ) {
                var e = it.next();
                if (RegistryKeys.sameRegistry(e.getKey(), registryKey)) {
                    entry = e.getValue();
                }
            }
        }
        if (entry == null || !entry.isObject()) {
            return Optional.empty();
        }
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ClientException("the auth entry for " + registryKey + " in " + readFrom + " is not base64", e);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new ClientException("the auth entry for " + registryKey + " in " + readFrom
                        + " is not base64 of user:password");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        AuthConfig c = new AuthConfig(username, password, entry.path("identitytoken").asText(""), registryKey);
        return c.isAnonymous() ? Optional.empty() : Optional.of(c);
    }

    /**
     * Every stored login, by its key in the file, for {@code X-Registry-Config} (a build may pull its FROM
     * images from any registry, so the docker CLI sends them all).
     */
    public java.util.Map<String, AuthConfig> allCredentials() {
        java.util.Map<String, AuthConfig> out = new java.util.LinkedHashMap<>();
        for (var it = root.path("auths").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            credentials(key).ifPresent(c -> out.put(key, c));
        }
        return out;
    }

    /** {@code X-Registry-Config}: base64url of {@code {"registry":{AuthConfig},...}}; {@code e30=} ({@code {}}) for none. */
    public String registryConfigHeader() {
        com.fasterxml.jackson.databind.node.ObjectNode all = Json.object();
        allCredentials().forEach((key, auth) -> all.set(key, auth.toJson()));
        return Base64.getUrlEncoder().encodeToString(Json.bytes(all));
    }

    /** Sets the entry for {@code registryKey} (call {@link #save()} to write it). */
    public void store(String registryKey, AuthConfig credentials) {
        ObjectNode entry = Json.object();
        entry.put("auth", Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        if (!credentials.identityToken().isEmpty()) {
            entry.put("identitytoken", credentials.identityToken());
        }
        auths().set(registryKey, entry);
    }

    /**
     * Removes every entry for the registry (whatever spelling its key has); returns the keys removed.
     */
    public List<String> remove(String registryKey) {
        List<String> removed = new ArrayList<>();
        JsonNode auths = root.get("auths");
        if (auths instanceof ObjectNode o) {
            for (var it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equals(registryKey) || RegistryKeys.sameRegistry(k, registryKey)) {
                    removed.add(k);
                }
            }
            removed.forEach(o::remove);
        }
        return removed;
    }

    /** A note when the file names credential helpers, which berth does not run. */
    public Optional<String> credentialHelperNote() {
        boolean store = root.path("credsStore").isTextual() && !root.path("credsStore").asText().isEmpty();
        boolean helpers = root.path("credHelpers").isObject() && !root.path("credHelpers").isEmpty();
        if (!store && !helpers) {
            return Optional.empty();
        }
        return Optional.of("WARNING: " + readFrom + " names credential helpers ("
                + (store ? "credsStore \"" + root.path("credsStore").asText() + "\"" : "")
                + (store && helpers ? ", " : "") + (helpers ? "credHelpers" : "")
                + "); berth does not run them and uses only the \"auths\" entries of the file");
    }

    /**
     * Writes the file atomically (a temporary file beside it, then a rename), readable by its owner
     * only (0600), creating the directory (0700) when needed.
     */
    public void save() throws IOException {
        Path target = writeTo.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (JsonGenerator g = Json.factory().createGenerator(bytes)) {
                // tabs, as the docker CLI indents the file
                g.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator(""))
                        .withObjectIndenter(new DefaultIndenter("\t", "\n")));
                Json.write(root, g);
            }
            bytes.write('\n');
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private ObjectNode auths() {
        JsonNode a = root.get("auths");
        if (a instanceof ObjectNode o) {
            return o;
        }
        return root.putObject("auths");
    }
}
