package berth.cli.command;

import berth.client.Json;
import berth.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network disconnect NETWORK CONTAINER}: silent on success, as docker. */
@Command(name = "disconnect", description = "Disconnect a container from a network")
final class NetworkDisconnectCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network")
    boolean force;

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() {
        client().postJson("/networks/" + Query.pathSegment(network) + "/disconnect", Query.of(),
                Json.object().put("Container", container).put("Force", force));
        return 0;
    }
}
