package berth.distribution;

import berth.errors.BerthException;
import berth.image.ImageReference;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where to reach a registry, as dockerd decides it: Docker Hub ({@code docker.io}) is served by
 * {@code registry-1.docker.io}, after the configured {@code registry-mirrors} in order (a mirror in the
 * insecure list is tried once, without certificate checks); any other
 * registry by its own host. A registry listed in {@code insecure-registries} (by host[:port], or by
 * an address in one of the listed CIDRs) is tried over HTTPS without certificate checks, then over
 * plain HTTP; loopback (127.0.0.0/8, ::1, {@code localhost}) is always insecure.
 *
 * <p>This class does no DNS: a host name matches a CIDR only through the addresses the caller's
 * resolver returns (dockerd resolves too); a literal address is matched directly.
 */
public final class RegistryHosts {
    public static final String DOCKER_HUB = ImageReference.DEFAULT_DOMAIN;
    public static final String DOCKER_HUB_ENDPOINT = "registry-1.docker.io";
    /** Docker Hub's old name, which dockerd treats as {@code docker.io}. */
    public static final String DOCKER_HUB_INDEX = "index.docker.io";

    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    /** How to reach one candidate endpoint. */
    public record Endpoint(URI base, boolean mirror, boolean verifyTls) {
        /** {@code https} or {@code http}. */
        public String scheme() {
            return base.getScheme();
        }
    }

    /** Resolves a host name to addresses, for the CIDR check; {@link #NO_DNS} resolves nothing. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host);
    }

    public static final Resolver NO_DNS = host -> List.of();

    private final List<URI> mirrors;
    private final Set<String> insecureHosts;
    private final List<Cidr> insecureCidrs;
    private final Resolver resolver;

    private RegistryHosts(List<URI> mirrors, Set<String> insecureHosts, List<Cidr> insecureCidrs, Resolver resolver) {
        this.mirrors = List.copyOf(mirrors);
        this.insecureHosts = Set.copyOf(insecureHosts);
        this.insecureCidrs = List.copyOf(insecureCidrs);
        this.resolver = resolver;
    }

    /**
     * From dockerd's settings. INVALID_ARGUMENT, in dockerd's words, for a mirror that is not a bare
     * http(s) URL or an insecure entry with a scheme or bad syntax.
     */
    public static RegistryHosts of(List<String> registryMirrors, List<String> insecureRegistries, Resolver resolver) {
        List<URI> mirrors = new ArrayList<>();
        for (String mirror : registryMirrors) {
            mirrors.add(validateMirror(mirror));
        }
        Set<String> hosts = new HashSet<>();
        List<Cidr> cidrs = new ArrayList<>(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
        for (String entry : insecureRegistries) {
            String e = entry.strip();
            if (e.contains("://")) {
                throw BerthException.invalid("insecure registry " + entry + " should not contain '://'");
            }
            if (e.contains("/")) {
                cidrs.add(Cidr.parse(e));
            } else if (HOST_PORT.matcher(e).matches()) {
                hosts.add(e.toLowerCase(Locale.ROOT));
            } else {
                throw BerthException.invalid("insecure registry " + entry + " is not a valid host[:port] or CIDR");
            }
        }
        return new RegistryHosts(mirrors, hosts, cidrs, resolver);
    }

    /** No mirrors, only the default insecure ranges, no DNS. */
    public static RegistryHosts defaults() {
        return of(List.of(), List.of(), NO_DNS);
    }

    /** The endpoints to try for a registry domain ({@link ImageReference#domain()}), in order. */
    public List<Endpoint> endpoints(String domain) {
        List<Endpoint> result = new ArrayList<>();
        if (domain.equals(DOCKER_HUB) || domain.equals(DOCKER_HUB_INDEX)) {
            for (URI mirror : mirrors) {
                // as dockerd: one endpoint per mirror, its certificate unchecked when insecure; no http fallback
                boolean verify = mirror.getScheme().equals("https") && !isInsecure(mirror.getRawAuthority());
                result.add(new Endpoint(mirror, true, verify));
            }
            result.add(new Endpoint(URI.create("https://" + DOCKER_HUB_ENDPOINT + "/"), false, true));
            return List.copyOf(result);
        }
        if (!HOST_PORT.matcher(domain).matches()) {
            throw BerthException.invalid("invalid registry host: " + domain);
        }
        boolean insecure = isInsecure(domain);
        result.add(new Endpoint(URI.create("https://" + domain + "/"), false, !insecure));
        if (insecure) {
            result.add(new Endpoint(URI.create("http://" + domain + "/"), false, false));
        }
        return List.copyOf(result);
    }

    /** Whether a registry (host[:port]) may be reached without verified TLS. */
    public boolean isInsecure(String hostPort) {
        String key = hostPort.toLowerCase(Locale.ROOT);
        if (insecureHosts.contains(key)) {
            return true;
        }
        String host = hostOf(key);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        Optional<InetAddress> literal = literal(host);
        List<InetAddress> addresses = literal.map(List::of).orElseGet(() -> resolver.resolve(host));
        for (InetAddress address : addresses) {
            for (Cidr cidr : insecureCidrs) {
                if (cidr.contains(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    // Only the full forms: Java also reads "10.1" as an IPv4 literal, Go (and so dockerd) does not
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private static Optional<InetAddress> literal(String host) {
        if (!IP_LITERAL.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI validateMirror(String mirror) {
        URI uri;
        try {
            uri = new URI(mirror.strip());
        } catch (URISyntaxException e) {
            throw BerthException.invalid("invalid mirror: \"" + mirror + "\" is not a valid URI", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw BerthException.invalid("invalid mirror: unsupported scheme \"" + scheme + "\" in \"" + mirror + "\"");
        }
        if (uri.getRawUserInfo() != null) {
            throw BerthException.invalid("invalid mirror: username/password not allowed in URI \"" + mirror + "\"");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if ((!path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw BerthException.invalid("invalid mirror: path, query, or fragment at end of the URI \"" + mirror + "\"");
        }
        if (uri.getHost() == null) {
            throw BerthException.invalid("invalid mirror: no host in \"" + mirror + "\"");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + "/");
    }

    /** An address range, {@code 10.0.0.0/8} or {@code fd00::/8}. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            if (!IP_LITERAL.matcher(s.substring(0, slash)).matches()) {
                throw BerthException.invalid("insecure registry " + s + " is not a valid CIDR (expected e.g. 10.0.0.0/8)");
            }
            try {
                InetAddress address = InetAddress.ofLiteral(s.substring(0, slash));
                int prefix = Integer.parseInt(s.substring(slash + 1));
                byte[] bytes = address.getAddress();
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(bytes, prefix);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("insecure registry " + s + " is not a valid CIDR: " + e.getMessage(), e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
