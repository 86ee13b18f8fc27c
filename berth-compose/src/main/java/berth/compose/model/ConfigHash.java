package berth.compose.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code com.docker.compose.config-hash} of a service: SHA-256 (hex) over the service as {@link
 * ProjectPrinter#service} renders it, serialised as JSON with keys sorted, so it is stable across
 * runs and key order in the file, and changes with anything that changes the container.
 *
 * <p>Covered: every field of {@link Service} (image reference, command, entrypoint, environment
 * after env files, ports, volumes, networks and aliases, labels, healthcheck, resources, ...) except
 * these, which Compose also leaves out because changing them must not recreate containers: {@code
 * build} (a rebuild shows up as a new image), {@code pull_policy}, {@code scale}, {@code
 * deploy.replicas}, {@code depends_on} and {@code profiles}. Not covered: the image's digest (compare
 * it separately) and top-level network/volume definitions.
 */
public final class ConfigHash {
  private ConfigHash() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** The hash of {@code service}, hex, 64 characters. */
  public static String of(Service service) {
    Map<String, Object> m = ProjectPrinter.service(service);
    m.remove("build");
    m.remove("pull_policy");
    m.remove("scale");
    m.remove("depends_on");
    m.remove("profiles");
    if (m.get("deploy") instanceof Map<?, ?> d) {
      Map<String, Object> deploy = new java.util.LinkedHashMap<>(Tree.map(d));
      deploy.remove("replicas");
      if (deploy.isEmpty()) m.remove("deploy");
      else m.put("deploy", deploy);
    }
    try {
      byte[] json = JSON.writeValueAsBytes(m);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
