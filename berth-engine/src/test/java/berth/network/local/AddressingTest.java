package berth.network.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressingTest {
    @Test
    void cidr_parsesFormatsAndContains() {
        Cidr c = Cidr.parse("10.210.3.7/24", "subnet");
        assertThat(c.toString()).isEqualTo("10.210.3.0/24");
        assertThat(c.contains(Cidr.address("10.210.3.255", "a"))).isTrue();
        assertThat(c.contains(Cidr.address("10.210.4.0", "a"))).isFalse();
        assertThat(c.overlaps(Cidr.parse("10.210.0.0/16", "s"))).isTrue();
        assertThat(c.overlaps(Cidr.parse("10.211.0.0/16", "s"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0", "s").size()).isEqualTo(1L << 32);
        assertThatThrownBy(() -> Cidr.parse("10.1.2.0", "subnet")).hasMessageContaining("CIDR");
        assertThatThrownBy(() -> Cidr.parse("10.1.2.300/24", "subnet")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> Cidr.parse("10.1.2.0/33", "subnet")).isInstanceOf(BerthException.class);
    }

    @Test
    void addressBook_neverHandsOutAnAddressTwiceNorTheReservedOnes() {
        AddressBook book = new AddressBook();
        Cidr subnet = Cidr.parse("10.0.0.0/29", "s"); // .0 network, .7 broadcast, .1 gateway
        int gw = Cidr.address("10.0.0.1", "g");
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            got.add(book.take("n", subnet, subnet, gw, 0));
        }
        assertThat(got).extracting(Cidr::format)
                .containsExactlyInAnyOrder("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
        assertThatThrownBy(() -> book.take("n", subnet, subnet, gw, 0)).hasMessageContaining("no available");
        book.release("n", Cidr.address("10.0.0.4", "a"));
        assertThat(Cidr.format(book.take("n", subnet, subnet, gw, 0))).isEqualTo("10.0.0.4");
    }

    @Test
    void addressBook_movesOnInsteadOfReusingAReleasedAddressAtOnce() {
        AddressBook book = new AddressBook();
        Cidr subnet = Cidr.parse("10.0.0.0/24", "s");
        int gw = Cidr.address("10.0.0.1", "g");
        int first = book.take("n", subnet, subnet, gw, 0);
        book.release("n", first);
        assertThat(book.take("n", subnet, subnet, gw, 0)).isNotEqualTo(first);
    }

    @Test
    void addressBook_fixedAddresses() {
        AddressBook book = new AddressBook();
        Cidr subnet = Cidr.parse("10.0.0.0/24", "s");
        int gw = Cidr.address("10.0.0.1", "g");
        int wanted = Cidr.address("10.0.0.50", "a");
        assertThat(book.take("n", subnet, subnet, gw, wanted)).isEqualTo(wanted);
        assertThatThrownBy(() -> book.take("n", subnet, subnet, gw, wanted)).hasMessageContaining("already in use");
        assertThatThrownBy(() -> book.take("n", subnet, subnet, gw, gw)).hasMessageContaining("not usable");
        // a range limits what is handed out, not what may be asked for
        Cidr range = Cidr.parse("10.0.0.128/25", "r");
        assertThat(Cidr.format(book.take("n", subnet, range, gw, 0))).startsWith("10.0.0.1");
        assertThat(range.contains(book.take("n", subnet, range, gw, 0))).isTrue();
    }

    @Test
    void subnetChooser_skipsWhatIsTaken() {
        assertThat(SubnetChooser.defaultBridge(List.of()).orElseThrow().toString()).isEqualTo("10.209.0.0/16");
        assertThat(SubnetChooser.defaultBridge(List.of(Cidr.parse("10.209.5.0/24", "s"))).orElseThrow().toString())
                .isEqualTo("10.208.0.0/16");
        assertThat(SubnetChooser.userNetwork(List.of(Cidr.parse("10.210.0.0/24", "s"), Cidr.parse("10.210.1.0/24", "s")))
                .orElseThrow().toString()).isEqualTo("10.210.2.0/24");
        assertThat(SubnetChooser.userNetwork(List.of(Cidr.parse("10.0.0.0/8", "s")))).isEmpty();
        // nothing clashes with Docker's or Podman's defaults
        for (String theirs : List.of("172.17.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "10.88.0.0/16", "10.89.0.0/16")) {
            assertThat(Cidr.parse(theirs, "s").overlaps(SubnetChooser.defaultBridge(List.of()).orElseThrow())).isFalse();
            assertThat(Cidr.parse(theirs, "s").overlaps(SubnetChooser.userNetwork(List.of()).orElseThrow())).isFalse();
        }
    }

    @Test
    void hostRoutes_parsesProcNetRoute() {
        List<Cidr> routes = HostRoutes.parse(List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "berth0\t0000D10A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"));
        assertThat(routes).extracting(Cidr::toString).containsExactly("192.0.2.0/24", "10.209.0.0/16");
    }
}
