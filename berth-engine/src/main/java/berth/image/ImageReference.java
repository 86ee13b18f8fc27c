package berth.image;

import berth.content.Digest;
import berth.errors.BerthException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalised image name, as Docker's distribution/reference package parses it: {@code busybox} is
 * {@code docker.io/library/busybox}, {@code 127.0.0.1:5000/team/app:v1} keeps its registry. The full
 * form is what the reference store keys on; the familiar form ({@code busybox:latest}) is what users
 * and {@code RepoTags} see.
 *
 * @param domain registry host[:port], {@code docker.io} for Docker Hub
 * @param path   repository path under the registry, {@code library/busybox} for official images
 */
public record ImageReference(String domain, String path, Optional<String> tag, Optional<Digest> digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_MAX = 255;

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "((?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern NAME = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + COMPONENT + "(?:/" + COMPONENT + ")*)");
    private static final Pattern TAG_ONLY = Pattern.compile(TAG);
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        if (domain.isEmpty() || path.isEmpty()) {
            throw BerthException.invalid("invalid reference format");
        }
    }

    /**
     * Parses what a user typed into a normalised reference, without adding a default tag. Errors are
     * INVALID_ARGUMENT with Docker's wording, e.g. "invalid reference format: repository name must be
     * lowercase".
     */
    public static ImageReference parse(String s) {
        if (s == null || s.isEmpty()) {
            throw BerthException.invalid("invalid reference format: repository name must have at least one component");
        }
        if (HEX64.matcher(s).matches()) {
            throw BerthException.invalid("invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = s.indexOf('/');
        String first = slash < 0 ? "" : s.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.toLowerCase(java.util.Locale.ROOT).equals(first))) {
            domain = DEFAULT_DOMAIN;
            remainder = s;
        } else {
            domain = first;
            remainder = s.substring(slash + 1);
        }
        if (domain.equals("index.docker.io")) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remoteName.toLowerCase(java.util.Locale.ROOT).equals(remoteName)) {
            throw BerthException.invalid("invalid reference format: repository name must be lowercase");
        }
        String full = domain + "/" + remainder;
        Matcher m = REFERENCE.matcher(full);
        if (!m.matches()) {
            throw BerthException.invalid("invalid reference format");
        }
        String name = m.group(1);
        if (name.length() > NAME_MAX) {
            throw BerthException.invalid("invalid reference format: repository name must not be more than 255 characters");
        }
        Matcher nm = NAME.matcher(name);
        if (!nm.matches() || nm.group(1) == null) {
            throw BerthException.invalid("invalid reference format");
        }
        Optional<Digest> digest = Optional.ofNullable(m.group(3)).map(Digest::parse);
        return new ImageReference(nm.group(1), nm.group(2), Optional.ofNullable(m.group(2)), digest);
    }

    /** Whether a string is a valid tag ({@code [\w][\w.-]{0,127}}). */
    public static boolean isValidTag(String tag) {
        return TAG_ONLY.matcher(tag).matches();
    }

    /** This reference with tag {@code latest} when it has neither tag nor digest. */
    public ImageReference withDefaultTag() {
        return tag.isEmpty() && digest.isEmpty() ? withTag(DEFAULT_TAG) : this;
    }

    /** This repository with the given tag (and no digest); INVALID_ARGUMENT "invalid tag format" when malformed. */
    public ImageReference withTag(String newTag) {
        if (!isValidTag(newTag)) {
            throw BerthException.invalid("invalid tag format: \"" + newTag + "\" (allowed: letters, digits, _ . - up to 128, not starting with . or -)");
        }
        return new ImageReference(domain, path, Optional.of(newTag), Optional.empty());
    }

    /** Just the repository, no tag or digest. */
    public ImageReference nameOnly() {
        return new ImageReference(domain, path, Optional.empty(), Optional.empty());
    }

    public boolean isNameOnly() {
        return tag.isEmpty() && digest.isEmpty();
    }

    /** {@code docker.io/library/busybox} */
    public String name() {
        return domain + "/" + path;
    }

    /** {@code busybox}, {@code user/app}, {@code 127.0.0.1:5000/app} */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
                return path.substring(OFFICIAL_PREFIX.length());
            }
            return path;
        }
        return name();
    }

    /** {@code busybox:latest}, as RepoTags shows it. */
    public String familiarString() {
        return familiarName() + suffix();
    }

    private String suffix() {
        return tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** {@code docker.io/library/busybox:latest} */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
