package berth.runtime.runc;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads runc's failures and turns them into berth errors. When the container's command cannot be
 * started, runc says so in words like {@code exec: "nope": executable file not found in $PATH};
 * that part becomes an INVALID_ARGUMENT with Docker's text, so the engine can answer with exit
 * 127 (not found) or 126 (not executable). Anything else is INTERNAL with runc's own message.
 */
final class RuncErrors {
    private static final Pattern EXEC_FAILURE = Pattern.compile("exec: \"(?:[^\"\\\\]|\\\\.)*\": [^\\n]*");

    private RuncErrors() {}

    /** The last error message in runc's JSON log ({"level":"error","msg":...} lines), or null. */
    static String lastError(String jsonLog, ObjectMapper mapper) {
        String last = null;
        for (String line : jsonLog.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = mapper.readTree(line);
                if ("error".equals(n.path("level").asText()) || "fatal".equals(n.path("level").asText())) {
                    last = n.path("msg").asText();
                }
            } catch (java.io.IOException e) {
                last = line.trim();
            }
        }
        return last;
    }

    /** The exception for a failed create or start, given runc's message. */
    static BerthException startFailure(String runtimeName, String message) {
        Matcher m = EXEC_FAILURE.matcher(message);
        if (m.find()) {
            return new BerthException(ErrorKind.INVALID_ARGUMENT, m.group());
        }
        return new BerthException(ErrorKind.INTERNAL, "OCI runtime create failed: " + runtimeName + ": " + message.trim());
    }

    /** True when runc refused a kill because the container or its process is gone or not running. */
    static boolean notRunning(String output) {
        String o = output.toLowerCase(java.util.Locale.ROOT);
        return o.contains("not running") || o.contains("process already finished") || o.contains("does not exist")
                || o.contains("container not found");
    }

    static boolean doesNotExist(String output) {
        String o = output.toLowerCase(java.util.Locale.ROOT);
        return o.contains("does not exist") || o.contains("container not found");
    }
}
