package berth.cli.command;

import berth.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth tag SOURCE TARGET}: {@code POST /images/SOURCE/tag?repo=&tag=} (tag defaults to latest). */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
final class TagCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    public Integer call() {
        Refs.RepoTag t = Refs.split(target, "latest");
        if (t.tag() == null) {
            throw new berth.cli.CliException(berth.cli.ExitCodes.ERROR, "refusing to create a tag with a digest reference: " + target);
        }
        client().call("POST", Refs.image(source) + "/tag", Query.of().add("repo", t.repo()).add("tag", t.tag()),
                berth.client.RequestBody.NONE).close();
        return 0;
    }
}
