package berth.network.cni;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs CNI plugins as the CNI specification says: the command, container id, namespace and interface
 * in the environment, the network configuration on stdin, the result (or an error object) on stdout.
 */
public final class CniPlugins {
    public static final Path DEFAULT_PATH = Path.of("/usr/lib/cni");
    static final String VERSION = "1.0.0";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public CniPlugins(Path dir) {
        this.dir = dir;
    }

    ObjectMapper json() {
        return json;
    }

    /** A fresh network configuration of plugin {@code type} for network {@code name}. */
    ObjectNode config(String name, String type) {
        ObjectNode c = json.createObjectNode();
        c.put("cniVersion", VERSION);
        c.put("name", name);
        c.put("type", type);
        return c;
    }

    /** ADD: returns the plugin's result. */
    JsonNode add(ObjectNode config, String containerId, Path netns, String ifName) {
        return run("ADD", config, containerId, netns, ifName);
    }

    /** DEL: a namespace that is gone is no error (the spec asks plugins to tolerate it). */
    void del(ObjectNode config, String containerId, Path netns, String ifName) {
        run("DEL", config, containerId, Files.exists(netns) ? netns : Path.of(""), ifName);
    }

    private JsonNode run(String command, ObjectNode config, String containerId, Path netns, String ifName) {
        String type = config.path("type").asText();
        Path binary = dir.resolve(type);
        if (!Files.isExecutable(binary)) {
            throw BerthException.internal("CNI plugin " + binary + " is missing (install containernetworking-plugins)", null);
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns.toString());
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_PATH", dir.toString());
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()),
                    Thread::startVirtualThread);
            try (OutputStream in = p.getOutputStream()) {
                in.write(json.writeValueAsBytes(config));
            }
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            if (code != 0) {
                throw failure(type, command, out, err.join());
            }
            return out.length == 0 ? json.createObjectNode() : json.readTree(out);
        } catch (IOException e) {
            throw BerthException.internal("CNI " + type + " " + command + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted during CNI " + type + " " + command, e);
        }
    }

    private BerthException failure(String type, String command, byte[] out, byte[] err) {
        String msg;
        try {
            JsonNode e = json.readTree(out);
            msg = e.path("msg").asText("") + (e.path("details").asText("").isEmpty() ? "" : ": " + e.path("details").asText());
        } catch (IOException notJson) {
            msg = "";
        }
        if (msg.isEmpty()) {
            msg = new String(out, StandardCharsets.UTF_8).strip() + " " + new String(err, StandardCharsets.UTF_8).strip();
        }
        return BerthException.internal("CNI " + type + " " + command + " failed: " + msg.strip(), null);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The MAC address of the result's interface inside the namespace ("" when the plugin did not say). */
    static String sandboxMac(JsonNode result) {
        for (JsonNode i : result.path("interfaces")) {
            if (!i.path("sandbox").asText("").isEmpty()) {
                return i.path("mac").asText("");
            }
        }
        return "";
    }

    /** The static IPAM section for one address and, when asked, a default route through the gateway. */
    ObjectNode staticIpam(String address, String gateway, boolean defaultRoute) {
        ObjectNode ipam = json.createObjectNode();
        ipam.put("type", "static");
        ObjectNode a = ipam.putArray("addresses").addObject();
        a.put("address", address);
        if (!gateway.isEmpty()) {
            a.put("gateway", gateway);
        }
        if (defaultRoute && !gateway.isEmpty()) {
            ObjectNode r = ipam.putArray("routes").addObject();
            r.put("dst", "0.0.0.0/0");
            r.put("gw", gateway);
        }
        return ipam;
    }
}
