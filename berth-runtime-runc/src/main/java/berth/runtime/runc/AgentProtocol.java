package berth.runtime.runc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exec agent's wire format (see src/main/c/exec-agent.c, which is the other half): requests from
 * the daemon, replies from the agent. Little-endian u32s and length-prefixed strings without NULs.
 *
 * <p>The agent runs inside a container, so a reply is untrusted input: it must be exactly one
 * 16-byte message of a known type, and its numbers are only ever used within that container.
 */
final class AgentProtocol {
    static final int MAGIC = 0x31584542; // "BEX1"
    /** Requests larger than this go to {@code runc exec} instead; the agent refuses them. */
    static final int MAX_REQUEST = 256 * 1024;
    static final int MAX_GROUPS = 256;
    static final int MAX_STRINGS = 8192;
    static final int REPLY_SIZE = 16;

    static final int HELLO = 1;
    static final int STARTED = 2;
    static final int EXITED = 3;
    static final int REFUSED = 4;

    private AgentProtocol() {}

    /** One process for the agent to start. */
    record Request(int seq, int uid, int gid, List<Integer> groups, String cwd, List<String> argv, List<String> env) {
        Request {
            groups = List.copyOf(groups);
            argv = List.copyOf(argv);
            env = List.copyOf(env);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("argv must not be empty");
            }
        }
    }

    /** What the agent said. */
    sealed interface Reply {
        int seq();
    }

    /** The agent is up; {@code pid} is its pid in the container's pid namespace. */
    record Hello(int pid) implements Reply {
        @Override
        public int seq() {
            return 0;
        }
    }

    /** The process of request {@code seq} was forked; {@code pid} in the container's pid namespace. */
    record Started(int seq, int pid) implements Reply {}

    /** The process of request {@code seq} ended with this raw wait status. */
    record Exited(int seq, int waitStatus) implements Reply {
        /** The code a shell would report: the exit code, or 128 + the signal that ended it. */
        int exitCode() {
            int signal = waitStatus & 0x7f;
            return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
        }
    }

    /** The agent could not start request {@code seq} (malformed, or fork failed); nothing ran. */
    record Refused(int seq) implements Reply {}

    /** The encoded request, or null when it does not fit the agent's limits (use runc exec then). */
    static byte[] encode(Request r) {
        if (r.groups().size() > MAX_GROUPS || r.argv().size() > MAX_STRINGS || r.env().size() > MAX_STRINGS) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        u32(out, MAGIC);
        u32(out, r.seq());
        u32(out, r.uid());
        u32(out, r.gid());
        u32(out, r.groups().size());
        r.groups().forEach(g -> u32(out, g));
        u32(out, r.argv().size());
        u32(out, r.env().size());
        if (!str(out, r.cwd())) {
            return null;
        }
        for (String s : r.argv()) {
            if (!str(out, s)) {
                return null;
            }
        }
        for (String s : r.env()) {
            if (!str(out, s)) {
                return null;
            }
        }
        return out.size() > MAX_REQUEST ? null : out.toByteArray();
    }

    /** Decodes one reply of {@code length} bytes (the message's real length); rejects anything unexpected. */
    static Reply decode(byte[] message, int length) throws IOException {
        if (length != REPLY_SIZE || message.length < REPLY_SIZE) {
            throw new IOException("exec agent sent a message of " + length + " bytes, expected " + REPLY_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(message, 0, REPLY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getInt();
        int seq = b.getInt();
        int value = b.getInt();
        int reserved = b.getInt();
        if (reserved != 0) {
            throw new IOException("exec agent sent a malformed reply (reserved field " + reserved + ")");
        }
        return switch (type) {
            case HELLO -> new Hello(pid(value));
            case STARTED -> new Started(seq, pid(value));
            case EXITED -> new Exited(seq, value);
            case REFUSED -> new Refused(seq);
            default -> throw new IOException("exec agent sent an unknown reply type " + type);
        };
    }

    private static int pid(int value) throws IOException {
        if (value <= 0) {
            throw new IOException("exec agent sent an invalid pid " + value);
        }
        return value;
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** False when the string cannot travel: a NUL would cut it short in the agent, as in execve. */
    private static boolean str(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : bytes) {
            if (x == 0) {
                return false;
            }
        }
        u32(out, bytes.length);
        out.writeBytes(bytes);
        return true;
    }
}
