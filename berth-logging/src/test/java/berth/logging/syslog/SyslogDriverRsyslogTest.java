package berth.logging.syslog;

import static berth.logging.tag.TestContexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logging.tag.LogTag;
import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The syslog driver against a real rsyslogd on loopback. */
class SyslogDriverRsyslogTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private Rsyslog rsyslog;

    @BeforeEach
    void startRsyslog() throws IOException {
        rsyslog = new Rsyslog();
    }

    @AfterEach
    void stopRsyslog() throws IOException {
        rsyslog.close();
    }

    private LogDriver driver(String address, String... options) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("syslog-address", address);
        for (int i = 0; i < options.length; i += 2) {
            config.put(options[i], options[i + 1]);
        }
        SyslogDriverFactory factory = new SyslogDriverFactory();
        factory.validate(config);
        return factory.create(context(config));
    }

    private static LogMessage line(StreamType stream, String text) {
        return new LogMessage(stream, text.getBytes(StandardCharsets.UTF_8), Instant.now(), false);
    }

    @Test
    void udp_rfc5424_carriesFacilitySeverityTagHostAndPid() throws IOException {
        try (LogDriver driver = driver("udp://127.0.0.1:" + rsyslog.udpPort, "syslog-format", "rfc5424",
                "syslog-facility", "local3", "tag", "{{.Name}}/{{.ID}}")) {
            driver.log(line(StreamType.STDOUT, "hello out"));
            driver.log(line(StreamType.STDERR, "hello err"));
        }
        List<Rsyslog.Received> got = rsyslog.awaitMessages(2);
        assertThat(got).extracting(Rsyslog.Received::msg).containsExactlyInAnyOrder("hello out", "hello err");
        Rsyslog.Received out = got.stream().filter(r -> r.msg().equals("hello out")).findFirst().orElseThrow();
        Rsyslog.Received err = got.stream().filter(r -> r.msg().equals("hello err")).findFirst().orElseThrow();
        assertThat(out).isEqualTo(new Rsyslog.Received(19, 6, LogTag.localHostname(), "web/0123456789ab", PID,
                "web/0123456789ab", "hello out", out.raw()));
        assertThat(out.raw()).startsWith("<158>1 ");
        assertThat(err.severity()).isEqualTo(3);
        assertThat(err.raw()).startsWith("<155>1 ");
    }

    @Test
    void tcp_rfc3164_deliversLinesInOrder() throws IOException {
        try (LogDriver driver = driver("tcp://127.0.0.1:" + rsyslog.tcpPort, "syslog-format", "rfc3164",
                "syslog-facility", "user")) {
            for (int i = 0; i < 200; i++) {
                driver.log(line(StreamType.STDOUT, "line " + i));
            }
        }
        List<Rsyslog.Received> got = rsyslog.awaitMessages(200);
        assertThat(got).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(got.get(i).msg().strip()).isEqualTo("line " + i);
        }
        Rsyslog.Received first = got.getFirst();
        assertThat(first.facility()).isEqualTo(1);
        assertThat(first.hostname()).isEqualTo(LogTag.localHostname());
        assertThat(first.appName()).isEqualTo("0123456789ab");
        assertThat(first.procId()).isEqualTo(PID);
        assertThat(first.raw()).matches("<14>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ 0123456789ab\\[" + PID + "]: line 0");
    }

    @Test
    void defaultFormat_isDockersUnixStyle() throws IOException {
        try (LogDriver driver = driver("udp://127.0.0.1:" + rsyslog.udpPort)) {
            driver.log(line(StreamType.STDOUT, "plain"));
        }
        Rsyslog.Received got = rsyslog.awaitMessages(1).getFirst();
        assertThat(got.raw()).matches("<30>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d 0123456789ab\\[" + PID + "]: plain");
        assertThat(got.appName()).isEqualTo("0123456789ab");
    }

    @Test
    void rfc5424micro_overTcp_hasMicroseconds() throws IOException {
        try (LogDriver driver = driver("tcp://127.0.0.1:" + rsyslog.tcpPort, "syslog-format", "rfc5424micro")) {
            driver.log(line(StreamType.STDOUT, "micro"));
        }
        Rsyslog.Received got = rsyslog.awaitMessages(1).getFirst();
        assertThat(got.raw()).matches("<30>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}(Z|[+-]\\d\\d:\\d\\d) .*");
        assertThat(got.msg()).isEqualTo("micro");
    }

    @Test
    void unixgram_reachesTheDaemonsDatagramSocket() throws IOException {
        try (LogDriver driver = driver("unixgram://" + rsyslog.unixSocket, "tag", "{{.ImageName}}")) {
            driver.log(line(StreamType.STDERR, "via socket"));
        }
        Rsyslog.Received got = rsyslog.awaitMessages(1).getFirst();
        assertThat(got.msg().strip()).isEqualTo("via socket");
        // rsyslog's tag parsing stops at the ':', so the raw message shows the whole rendered tag.
        assertThat(got.raw()).endsWith(" busybox:latest[" + PID + "]: via socket");
        assertThat(got.severity()).isEqualTo(3);
    }

    @Test
    void emptyLines_areNotSent() throws IOException {
        try (LogDriver driver = driver("tcp://127.0.0.1:" + rsyslog.tcpPort)) {
            driver.log(line(StreamType.STDOUT, ""));
            driver.log(line(StreamType.STDOUT, "after empty"));
        }
        assertThat(rsyslog.awaitMessages(1)).extracting(r -> r.msg().strip()).containsExactly("after empty");
    }

    @Test
    void tcp_reconnectsAfterTheReceiverRestarts_andCountsWhatItCouldNotSend() throws IOException {
        try (LogDriver driver = driver("tcp://127.0.0.1:" + rsyslog.tcpPort, "syslog-format", "rfc5424")) {
            driver.log(line(StreamType.STDOUT, "before restart"));
            rsyslog.awaitMessages(1);
            rsyslog.stop();
            rsyslog.start();
            driver.log(line(StreamType.STDOUT, "after restart"));
            rsyslog.awaitMessages(2);

            rsyslog.stop();
            assertThatThrownBy(() -> driver.log(line(StreamType.STDOUT, "while down")))
                    .isInstanceOf(IOException.class).hasMessageContaining("syslog: cannot send to tcp://127.0.0.1:");
            assertThat(driver.dropped()).isEqualTo(1);

            rsyslog.start();
            driver.log(line(StreamType.STDOUT, "back again"));
        }
        assertThat(rsyslog.awaitMessages(3)).extracting(Rsyslog.Received::msg)
                .containsExactly("before restart", "after restart", "back again");
    }

    @Test
    void tls_rfc5424_isOctetCounted_withAClientCertificate() throws IOException {
        try (LogDriver driver = driver("tcp+tls://127.0.0.1:" + rsyslog.tlsPort, "syslog-format", "rfc5424",
                "syslog-tls-ca-cert", rsyslog.caCert.toString(), "syslog-tls-cert", rsyslog.clientCert.toString(),
                "syslog-tls-key", rsyslog.clientKey.toString())) {
            driver.log(line(StreamType.STDOUT, "secret one"));
            driver.log(line(StreamType.STDOUT, "secret two"));
        }
        List<Rsyslog.Received> got = rsyslog.awaitMessages(2);
        assertThat(got).extracting(Rsyslog.Received::msg).containsExactly("secret one", "secret two");
        assertThat(got.getFirst().raw()).startsWith("<30>1 ");
    }

    @Test
    void tls_skipVerify_acceptsAnUntrustedServer() throws IOException {
        try (LogDriver driver = driver("tcp+tls://127.0.0.1:" + rsyslog.tlsPort, "syslog-format", "rfc3164",
                "syslog-tls-skip-verify", "", "syslog-tls-cert", rsyslog.clientCert.toString(),
                "syslog-tls-key", rsyslog.clientKey.toString())) {
            driver.log(line(StreamType.STDOUT, "unverified"));
        }
        assertThat(rsyslog.awaitMessages(1).getFirst().msg().strip()).isEqualTo("unverified");
    }

    @Test
    void tls_refusesAServerItCannotVerify() {
        assertThatThrownBy(() -> driver("tcp+tls://127.0.0.1:" + rsyslog.tlsPort,
                "syslog-tls-cert", rsyslog.clientCert.toString(), "syslog-tls-key", rsyslog.clientKey.toString()))
                .isInstanceOf(IOException.class);
        assertThat(rsyslog.received()).isEmpty();
    }

    @Test
    void create_failsWhenTheTcpReceiverIsDown() throws IOException {
        rsyslog.stop();
        assertThatThrownBy(() -> driver("tcp://127.0.0.1:" + rsyslog.tcpPort)).isInstanceOf(IOException.class);
    }
}
