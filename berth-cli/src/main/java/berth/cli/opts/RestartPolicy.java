package berth.cli.opts;

import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * --restart "name[:max-retries]" as the docker CLI reads it: only the shape is checked here (a
 * retry count must be an integer); which names exist and where a count is allowed is the daemon's
 * to judge, as with dockerd.
 */
public record RestartPolicy(String name, long maximumRetryCount) {
    /** What docker sends when no --restart was given: an empty name, which update reads as "unchanged". */
    public static final RestartPolicy UNSET = new RestartPolicy("", 0);

    public static RestartPolicy parse(String policy) {
        if (policy == null || policy.isEmpty()) {
            return UNSET;
        }
        int colon = policy.indexOf(':');
        String name = colon < 0 ? policy : policy.substring(0, colon);
        String count = colon < 0 ? "" : policy.substring(colon + 1);
        if (colon >= 0 && name.isEmpty()) {
            throw new BadValueException("invalid restart policy format: no policy provided before colon");
        }
        long max = 0;
        if (!count.isEmpty()) {
            try {
                max = GoNumbers.atoi(count);
            } catch (BadValueException e) {
                throw new BadValueException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        return new RestartPolicy(name, max);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("Name", name);
        n.put("MaximumRetryCount", maximumRetryCount);
        return n;
    }
}
