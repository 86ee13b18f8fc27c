package berth.container.local;

import berth.errors.BerthException;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Docker's container-name rule, and generated {@code adjective_surname} names for unnamed containers. */
final class ContainerNames {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    // Our own word lists: cheerful adjectives and people who shaped computing and physics.
    private static final List<String> ADJECTIVES = List.of(
            "able", "agile", "amber", "bold", "brave", "bright", "brisk", "calm", "clever", "cosy",
            "crisp", "curious", "daring", "deft", "eager", "earnest", "fair", "fearless", "fond", "gentle",
            "glad", "golden", "hardy", "honest", "humble", "jolly", "keen", "kind", "lively", "lucid",
            "merry", "mellow", "nimble", "noble", "patient", "plucky", "proud", "quiet", "quick", "rapid",
            "serene", "sharp", "shiny", "steady", "sunny", "swift", "tidy", "upbeat", "vivid", "witty");
    private static final List<String> SURNAMES = List.of(
            "babbage", "backus", "bohr", "boole", "curie", "dijkstra", "einstein", "euler", "faraday",
            "fermi", "feynman", "gauss", "goedel", "hamilton", "hopper", "hypatia", "kepler", "knuth",
            "lamport", "liskov", "lovelace", "maxwell", "meitner", "mccarthy", "minsky", "newton",
            "noether", "pascal", "planck", "ritchie", "shannon", "somerville", "tesla", "thompson",
            "torvalds", "turing", "vonneumann", "wirth", "wozniak", "yalow");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerNames() {}

    /** Strips one leading slash and checks Docker's rule; INVALID_ARGUMENT with Docker's wording otherwise. */
    static String validate(String requested) {
        String name = requested.startsWith("/") ? requested.substring(1) : requested;
        if (!VALID.matcher(name).matches()) {
            throw BerthException.invalid("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }

    /** A random name; after a few clashes a digit is appended, as Docker does. */
    static String generate(int attempt) {
        String base = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
                + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
        return attempt < 3 ? base : base + RANDOM.nextInt(10);
    }
}
