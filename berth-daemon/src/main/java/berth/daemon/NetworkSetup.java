package berth.daemon;

import berth.events.EventSink;
import berth.network.PacketFilter;
import berth.network.cni.CniBridgeDriver;
import berth.network.cni.CniPlugins;
import berth.network.cni.CniVlanDriver;
import berth.network.cni.Loopback;
import berth.network.dns.EmbeddedDns;
import berth.network.firewall.IptablesPacketFilter;
import berth.network.local.LocalNetworkService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Builds the network service from the daemon's networking flags: CNI drivers, the packet filter, the DNS. */
final class NetworkSetup {
    private NetworkSetup() {}

    static LocalNetworkService create(Path dataRoot, String daemonId, DaemonOptions.Networking flags, EmbeddedDns dns,
            EventSink events)
            throws IOException {
        CniPlugins cni = new CniPlugins(CniPlugins.DEFAULT_PATH);
        PacketFilter filter = flags.iptables() ? new IptablesPacketFilter(flags.chainPrefix()) : new NoPacketFilter();
        Loopback loopback = new Loopback();
        String owner = daemonId.substring(0, Math.min(12, daemonId.length()));
        return new LocalNetworkService(dataRoot, flags.bridge().equals("none") ? null : flags.bridge(),
                List.of(new CniBridgeDriver(cni, owner), new CniVlanDriver(cni, owner)), filter, dns, loopback::up, events);
    }
}
