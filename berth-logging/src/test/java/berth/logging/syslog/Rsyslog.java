package berth.logging.syslog;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real rsyslogd for a test: UDP and TCP inputs on free loopback ports and a unix datagram socket,
 * writing every message it receives to a file as tab-separated fields (what it parsed, then the raw
 * message). {@link #stop()} and {@link #start()} restart it on the same ports.
 */
public final class Rsyslog implements AutoCloseable {
    /** One received message, as rsyslog parsed it. */
    public record Received(int facility, int severity, String hostname, String appName, String procId, String msgId,
                    String msg, String raw) {}

    private static final Duration AWAIT = Duration.ofSeconds(30);

    final Path dir;
    public final int udpPort;
    public final int tcpPort;
    final Path unixSocket;
    /** A TLS input (rsyslog's gtls driver) that wants a client certificate signed by {@link #caCert}. */
    final int tlsPort;
    final Path caCert;
    final Path clientCert;
    final Path clientKey;
    private final Path output;
    private final Path pidFile;
    private Process process;

    public Rsyslog() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-rsyslog");
        udpPort = freeUdpPort();
        tcpPort = freeTcpPort();
        unixSocket = dir.resolve("log.sock");
        tlsPort = freeTcpPort();
        caCert = dir.resolve("ca.pem");
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client-key.pem");
        output = dir.resolve("out.log");
        pidFile = dir.resolve("rsyslogd.pid");
        try {
            makeCertificates();
            writeConfig();
            start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s")
                module(load="imudp")
                module(load="imtcp")
                module(load="imuxsock" SysSock.Use="off")
                input(type="imudp" address="127.0.0.1" port="%2$d")
                input(type="imtcp" address="127.0.0.1" port="%3$d")
                input(type="imuxsock" Socket="%4$s")
                input(type="imtcp" address="127.0.0.1" port="%6$d" streamDriver.name="gtls" streamDriver.mode="1"
                      streamDriver.authMode="x509/certvalid" streamDriver.CAFile="%1$s/ca.pem"
                      streamDriver.CertFile="%1$s/server.pem" streamDriver.KeyFile="%1$s/server-key.pem")
                template(name="fields" type="string"
                         string="%%syslogfacility%%\\t%%syslogseverity%%\\t%%hostname%%\\t%%app-name%%\\t%%procid%%\\t%%msgid%%\\t%%msg%%\\t%%rawmsg%%\\n")
                *.* action(type="omfile" file="%5$s" template="fields")
                """.formatted(dir, udpPort, tcpPort, unixSocket, output, tlsPort));
    }

    public void start() throws IOException {
        process = new ProcessBuilder("rsyslogd", "-n", "-f", dir.resolve("rsyslog.conf").toString(), "-i",
                pidFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        Process started = process;
        await("rsyslogd listening on udp " + udpPort + ", tcp " + tcpPort + " and " + unixSocket,
                () -> exitedEarly(started) || listening("/proc/net/udp", udpPort, null) && listening("/proc/net/tcp", tcpPort, "0A")
                        && listening("/proc/net/tcp", tlsPort, "0A") && Files.exists(unixSocket));
    }

    /** Fails the wait at once when rsyslogd exited (a bad config), with what it said. */
    private boolean exitedEarly(Process started) {
        if (started.isAlive()) {
            return false;
        }
        try {
            throw new IllegalStateException("rsyslogd exited with " + started.exitValue() + ": "
                    + Files.readString(dir.resolve("rsyslogd.out")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void stop() throws IOException {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        process = null;
        await("rsyslogd's tcp port " + tcpPort + " closed", () -> !listening("/proc/net/tcp", tcpPort, "0A"));
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, with openssl. */
    private void makeCertificates() throws IOException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "ca-key.pem", "-out", "ca.pem", "-days", "1", "-subj", "/CN=berth test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    who + "-key.pem", "-out", who + ".csr", "-subj", "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                    "-out", who + ".pem", "-days", "1", "-extfile", who + ".ext");
        }
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(dir.resolve("openssl.out")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Waits until at least {@code count} messages arrived, and returns all of them in order. */
    public List<Received> awaitMessages(int count) throws IOException {
        await(count + " messages in " + output, () -> received().size() >= count);
        return received();
    }

    List<Received> received() {
        if (!Files.exists(output)) {
            return List.of();
        }
        List<Received> all = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(output)) {
                String[] f = line.split("\t", -1);
                all.add(new Received(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3], f[4], f[5], f[6], f[7]));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all;
    }

    static void await(String what, BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("gave up waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static boolean listening(String table, int port, String state) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try (Stream<String> lines = Files.lines(Path.of(table))) {
            return lines.map(String::trim).map(l -> l.split("\\s+"))
                    .anyMatch(f -> f.length > 3 && f[1].equals(local) && (state == null || f[3].equals(state)));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
