package berth.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.PacketFilter.BridgeRules;
import berth.network.PortBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {
    private static List<String> added(List<Rule> rules) {
        return rules.stream().map(r -> "*" + r.table().iptablesName() + " " + r.addLine()).toList();
    }

    @Test
    void network_masqueradesOutIsolatesAndAcceptsItsTraffic() {
        var rules = FirewallRules.DEFAULT.network(new BridgeRules("n1", "berth-abc", "10.210.3.0/24", false));

        assertThat(added(rules)).containsExactly(
                "*filter -A BERTH-INPUT -i berth-abc -d 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP",
                "*filter -I BERTH-FORWARD 1 -i berth-abc ! -o berth-abc -m conntrack ! --ctstate DNAT -j BERTH-ISOLATION",
                "*filter -A BERTH-ISOLATION -o berth-abc -j DROP",
                "*filter -A BERTH-FORWARD -i berth-abc -o berth-abc -j ACCEPT",
                "*filter -A BERTH-FORWARD -o berth-abc -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "*filter -A BERTH-FORWARD -o berth-abc -m conntrack --ctstate DNAT -j ACCEPT",
                "*filter -A BERTH-FORWARD -i berth-abc ! -o berth-abc -j ACCEPT",
                "*filter -A BERTH-FORWARD ! -i berth-abc -o berth-abc -j DROP",
                "*nat -A BERTH-POSTROUTING -s 10.210.3.0/24 ! -o berth-abc -j MASQUERADE");
    }

    @Test
    void internalNetwork_dropsEverythingInOrOutAndIsNotMasqueraded() {
        var rules = FirewallRules.DEFAULT.network(new BridgeRules("n1", "br-int", "10.9.0.0/16", true));

        assertThat(added(rules)).containsExactly(
                "*filter -A BERTH-INPUT -i br-int -d 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP",
                "*filter -I BERTH-FORWARD 1 -i br-int ! -o br-int -j DROP",
                "*filter -I BERTH-FORWARD 1 ! -i br-int -o br-int -j DROP",
                "*filter -A BERTH-ISOLATION -o br-int -j DROP",
                "*filter -A BERTH-FORWARD -i br-int -o br-int -j ACCEPT");
    }

    @Test
    void published_dnatsEachBindingAndMasqueradesLocalhostAndHairpinOncePerContainerPort() {
        var rules = FirewallRules.DEFAULT.published("10.210.3.5", "berth-abc", "10.210.3.0/24", List.of(
                new PortBinding(80, "tcp", "", 8080),
                new PortBinding(80, "tcp", "127.0.0.1", 8081),
                new PortBinding(53, "udp", "0.0.0.0", 5353)));

        assertThat(added(rules)).containsExactly(
                "*nat -A BERTH-DNAT -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.210.3.5:80",
                "*nat -A BERTH-DNAT -p tcp -d 127.0.0.1/32 -m tcp --dport 8081 -j DNAT --to-destination 10.210.3.5:80",
                "*nat -A BERTH-DNAT -p udp -m udp --dport 5353 -j DNAT --to-destination 10.210.3.5:53",
                "*nat -A BERTH-POSTROUTING -s 127.0.0.0/8 -d 10.210.3.5/32 -o berth-abc -p tcp -m tcp --dport 80 -j MASQUERADE",
                "*nat -A BERTH-POSTROUTING -s 10.210.3.0/24 -d 10.210.3.5/32 -o berth-abc -p tcp -m tcp --dport 80"
                        + " -m conntrack --ctstate DNAT -j MASQUERADE",
                "*nat -A BERTH-POSTROUTING -s 127.0.0.0/8 -d 10.210.3.5/32 -o berth-abc -p udp -m udp --dport 53 -j MASQUERADE",
                "*nat -A BERTH-POSTROUTING -s 10.210.3.0/24 -d 10.210.3.5/32 -o berth-abc -p udp -m udp --dport 53"
                        + " -m conntrack --ctstate DNAT -j MASQUERADE");
    }

    @Test
    void published_acceptsContainerAddressWithPrefixLength() {
        var rules = FirewallRules.DEFAULT.published("10.0.0.2/24", "br0", "10.0.0.0/24", List.of(new PortBinding(80, "tcp", "", 1)));

        assertThat(rules.getFirst().addLine()).endsWith("--to-destination 10.0.0.2:80");
    }

    @Test
    void deleteLine_matchesWhatWasAdded() {
        Rule top = Rule.insert(Table.FILTER, "BERTH-FORWARD", "-i", "b", "-j", "DROP");

        assertThat(top.addLine()).isEqualTo("-I BERTH-FORWARD 1 -i b -j DROP");
        assertThat(top.deleteLine()).isEqualTo("-D BERTH-FORWARD -i b -j DROP");
    }

    @Test
    void hooks_jumpFromBuiltInChainsAtPositionOne() {
        assertThat(added(FirewallRules.DEFAULT.hooks())).containsExactly(
                "*filter -I INPUT 1 -j BERTH-INPUT",
                "*filter -I FORWARD 1 -j BERTH-FORWARD",
                "*nat -I PREROUTING 1 -m addrtype --dst-type LOCAL -j BERTH-DNAT",
                "*nat -I OUTPUT 1 -m addrtype --dst-type LOCAL -j BERTH-DNAT",
                "*nat -I POSTROUTING 1 -j BERTH-POSTROUTING");
    }

    @Test
    void network_rejectsBridgeNamesThatWouldChangeARule() {
        for (String bad : List.of("br+", "br 0", "", "a-bridge-name-too-long", "br\"x")) {
            assertThatThrownBy(() -> FirewallRules.DEFAULT.network(new BridgeRules("n", bad, "10.0.0.0/24", false)))
                    .isInstanceOf(BerthException.class)
                    .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        }
    }

    @Test
    void network_rejectsASubnetThatIsNotIpv4Cidr() {
        for (String bad : List.of("10.0.0.0", "10.0.0.0/33", "fd00::/64", "10.0.0.256/24", "10.0.0.0/24 -j ACCEPT")) {
            assertThatThrownBy(() -> FirewallRules.DEFAULT.network(new BridgeRules("n", "br0", bad, false)))
                    .isInstanceOf(BerthException.class)
                    .hasMessageContaining("invalid subnet");
        }
    }

    @Test
    void published_rejectsIpv6HostAddress() {
        assertThatThrownBy(() -> FirewallRules.DEFAULT.published("10.0.0.2", "br0", "10.0.0.0/24",
                List.of(new PortBinding(80, "tcp", "::", 8080))))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("invalid host IP ::");
    }

    @Test
    void rule_refusesTokensWithWhitespace() {
        assertThatThrownBy(() -> Rule.append(Table.NAT, "X", "-s", "1.2.3.4 -j ACCEPT"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChainPrefix_namesEveryChainAndHook_soDaemonsCanShareAHost() {
        FirewallRules mine = new FirewallRules("BT1A2B");
        assertThat(mine.chains).extracting(FirewallRules.ChainRef::chain)
                .containsExactly("BT1A2B-INPUT", "BT1A2B-FORWARD", "BT1A2B-ISOLATION", "BT1A2B-DNAT", "BT1A2B-POSTROUTING");
        assertThat(mine.hooks()).allMatch(r -> String.join(" ", r.args()).contains("-j BT1A2B-"));
        assertThat(mine.isBerthChain("BERTH-FORWARD")).isFalse();
        assertThat(mine.network(new BridgeRules("n", "bt-1a2b", "10.9.0.0/24", false)))
                .allMatch(r -> r.chain().startsWith("BT1A2B-"));
        assertThatThrownBy(() -> new FirewallRules("bad prefix")).isInstanceOf(IllegalArgumentException.class);
    }
}
