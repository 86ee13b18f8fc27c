package berth.logging.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogOptionsTest {
    private final SyslogDriverFactory factory = new SyslogDriverFactory();
    private static final ZonedDateTime TIME = ZonedDateTime.of(2026, 12, 4, 9, 5, 7, 123_456_789, ZoneOffset.UTC);

    @Test
    void unknownOption_isRefusedWithDockersWords() {
        assertThatThrownBy(() -> factory.validate(Map.of("max-size", "1m"))).isInstanceOf(BerthException.class)
                .hasMessage("unknown log opt 'max-size' for syslog log driver");
    }

    @Test
    void everyDockerOption_isAccepted() {
        factory.validate(Map.of("env", "A", "env-regex", "B", "labels", "c", "labels-regex", "d",
                "syslog-address", "udp://127.0.0.1", "syslog-facility", "local3", "syslog-tls-ca-cert", "x",
                "syslog-tls-cert", "y", "syslog-tls-key", "z", "syslog-tls-skip-verify", "true"));
        factory.validate(Map.of("tag", "{{.Name}}", "syslog-format", "rfc5424micro"));
    }

    @Test
    void address_needsAKnownScheme() {
        assertThatThrownBy(() -> SyslogAddress.parse("http://x:1"))
                .hasMessage("syslog-address should be in form proto://address, got http://x:1");
        assertThatThrownBy(() -> SyslogAddress.parse("127.0.0.1:514"))
                .hasMessage("syslog-address should be in form proto://address, got 127.0.0.1:514");
    }

    @Test
    void address_withoutPort_uses514() {
        assertThat(SyslogAddress.parse("udp://logs.example")).isEqualTo(new SyslogAddress("udp", "logs.example:514"));
        assertThat(SyslogAddress.parse("tcp+tls://10.0.0.1:6514")).isEqualTo(new SyslogAddress("tcp+tls", "10.0.0.1:6514"));
        assertThat(SyslogAddress.parse("tcp://[::1]")).isEqualTo(new SyslogAddress("tcp", "[::1]:514"));
        assertThat(SyslogAddress.parse("tcp://[::1]:99").host()).isEqualTo("::1");
        assertThat(SyslogAddress.parse("")).isEqualTo(SyslogAddress.LOCAL);
    }

    @Test
    void unixAddress_mustExist() {
        assertThat(SyslogAddress.parse("unix:///tmp")).isEqualTo(new SyslogAddress("unix", "/tmp"));
        assertThatThrownBy(() -> SyslogAddress.parse("unixgram:///no/such/socket"))
                .hasMessage("stat /no/such/socket: no such file or directory");
    }

    @Test
    void facility_namesNumbersAndDefault() {
        assertThat(SyslogFacility.parse(null)).isEqualTo(3);
        assertThat(SyslogFacility.parse("local7")).isEqualTo(23);
        assertThat(SyslogFacility.parse("authpriv")).isEqualTo(10);
        assertThat(SyslogFacility.parse("17")).isEqualTo(17);
        assertThatThrownBy(() -> SyslogFacility.parse("24")).hasMessage("invalid syslog facility");
        assertThatThrownBy(() -> SyslogFacility.parse("local8")).hasMessage("invalid syslog facility");
    }

    @Test
    void format_names() {
        assertThat(SyslogFormat.parse("")).isEqualTo(SyslogFormat.UNIX);
        assertThatThrownBy(() -> SyslogFormat.parse("json")).hasMessage("Invalid syslog format");
    }

    @Test
    void headers_areDockersLayouts() {
        assertThat(SyslogFormat.UNIX.header(30, TIME, "h", "t", 42)).isEqualTo("<30>Dec  4 09:05:07 t[42]: ");
        assertThat(SyslogFormat.RFC3164.header(27, TIME, "h", "t", 42)).isEqualTo("<27>Dec  4 09:05:07 h t[42]: ");
        assertThat(SyslogFormat.RFC5424.header(30, TIME, "h", "t", 42)).isEqualTo("<30>1 2026-12-04T09:05:07Z h t 42 t - ");
        assertThat(SyslogFormat.RFC5424MICRO.header(30, TIME.withZoneSameInstant(ZoneOffset.ofHours(2)), "h", "t", 42))
                .isEqualTo("<30>1 2026-12-04T11:05:07.123456+02:00 h t 42 t - ");
    }

    @Test
    void encode_endsWithNewline_andOctetCountsWhenAsked() {
        byte[] plain = SyslogFormat.RFC5424.encode(30, TIME, "h", "t", 42, "hi".getBytes(), false);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("<30>1 2026-12-04T09:05:07Z h t 42 t - hi\n");
        byte[] counted = SyslogFormat.RFC5424.encode(30, TIME, "h", "t", 42, "hi".getBytes(), true);
        assertThat(new String(counted, StandardCharsets.UTF_8)).isEqualTo(plain.length + " " + new String(plain, StandardCharsets.UTF_8));
        assertThat(SyslogFormat.RFC5424.octetCounted(new SyslogAddress("tcp+tls", "h:1"))).isTrue();
        assertThat(SyslogFormat.RFC3164.octetCounted(new SyslogAddress("tcp+tls", "h:1"))).isFalse();
        assertThat(SyslogFormat.RFC5424.octetCounted(new SyslogAddress("tcp", "h:1"))).isFalse();
    }
}
