package berth.registry.server;

import berth.errors.BerthException;
import berth.registry.config.ConfigFile;
import berth.registry.config.RegistryConfig;
import berth.registry.storage.GcReport;
import berth.registry.storage.RegistryStorage;
import berth.registry.storage.StorageConfig;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code berth registry …}, run by the launcher in its own JVM:
 * <pre>
 * berth registry serve [--addr HOST:PORT] [--root DIR] [--config FILE]
 * berth registry garbage-collect [--root DIR] [--config FILE] [--grace DURATION]
 * </pre>
 */
public final class RegistryMain {
    private static final String USAGE = """
            Usage:  berth registry serve [--addr HOST:PORT] [--root DIR] [--config FILE]
                    berth registry garbage-collect [--root DIR] [--config FILE] [--grace DURATION]

            serve            serve the OCI distribution API (default address 127.0.0.1:5000)
            garbage-collect  delete blobs no manifest references (older than --grace, default 1h)
            """;

    private RegistryMain() {}

    public static void main(String[] args) {
        // Netty would pick slf4j (on the classpath for other modules) and have it complain of no binding.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 1 : 0;
        }
        if (!args[0].equals("serve") && !args[0].equals("garbage-collect")) {
            err.println("berth registry: unknown command \"" + args[0] + "\"");
            err.print(USAGE);
            return 1;
        }
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            err.println("berth registry: " + e.getMessage());
            err.print(USAGE);
            return 1;
        }
        try {
            RegistryConfig config = ConfigFile.load(Optional.ofNullable(opts.get("--config")).map(Path::of),
                    Optional.ofNullable(opts.get("--addr")), Optional.ofNullable(opts.get("--root")).map(Path::of));
            return args[0].equals("serve") ? serve(config, out) : collect(config, opts, out);
        } catch (BerthException e) {
            err.println("berth registry: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int serve(RegistryConfig config, PrintStream out) throws InterruptedException {
        RegistryServer server = RegistryServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        out.println("berth registry listening on " + (server.tls() ? "https" : "http") + "://" + config.host() + ":" + server.port()
                + " (storage " + config.root() + ")");
        out.flush();
        server.awaitClose();
        return 0;
    }

    private static int collect(RegistryConfig config, Map<String, String> opts, PrintStream out) {
        StorageConfig storageConfig = StorageConfig.defaults();
        if (opts.containsKey("--grace")) {
            storageConfig = storageConfig.withGcGrace(parseGrace(opts.get("--grace")));
        }
        GcReport report = RegistryStorage.open(config.root(), storageConfig).garbageCollector().collect();
        report.deleted().forEach(d -> out.println("deleted " + d));
        out.println("deleted " + report.deleted().size() + " blobs, freed " + report.bytesFreed() + " bytes; "
                + report.referenced() + " referenced, " + report.spared() + " spared (younger than the grace period)");
        return 0;
    }

    private static Duration parseGrace(String s) {
        try {
            return berth.registry.config.ConfigFile.duration(s);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid --grace " + s + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                opts.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        for (String k : opts.keySet()) {
            if (!k.equals("--addr") && !k.equals("--root") && !k.equals("--config") && !k.equals("--grace")) {
                throw new IllegalArgumentException("unknown option " + k);
            }
        }
        return opts;
    }
}
