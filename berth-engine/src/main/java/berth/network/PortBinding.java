package berth.network;

/**
 * One published port.
 *
 * @param containerPort e.g. 80
 * @param protocol      "tcp" or "udp"
 * @param hostIp        "" or "0.0.0.0" for every host address, else one address
 * @param hostPort      0 asks for an ephemeral port; the published binding has the one given
 */
public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
    }

    /** Docker's key in {@code NetworkSettings.Ports}: "80/tcp". */
    public String key() {
        return containerPort + "/" + protocol;
    }
}
