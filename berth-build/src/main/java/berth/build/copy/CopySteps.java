package berth.build.copy;

import berth.build.context.BuildContext;
import berth.build.context.CopySelection;
import berth.build.context.GlobSyntax;
import berth.build.dockerfile.Heredoc;
import berth.container.ContainerService;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.store.PathNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares COPY and ADD steps ({@link CopyStep#prepare}): refuses what berth cannot do (URL sources),
 * selects the sources in the build context or the {@code --from} container, and digests them.
 *
 * <p>Errors are INVALID_ARGUMENT with Docker's words, prefixed as Docker prefixes them
 * ("COPY failed: file not found in build context or excluded by .dockerignore: stat x: file does not
 * exist"), so the executor prints them as they are.
 */
public final class CopySteps {
    private CopySteps() {}

    public static CopyStep prepare(CopyRequest request, ContainerService containers) {
        String command = request.add() ? "ADD" : "COPY";
        for (String s : request.sources()) {
            RemoteSources.refuse(command, s);
        }
        request.chown().ifPresent(Chown::parse);
        request.chmod().ifPresent(Chmod::parse);
        List<CopyItem> items = new ArrayList<>();
        boolean keepOwners = false;
        switch (request.origin()) {
            case CopyOrigin.Context c -> items.addAll(fromContext(request, c, command));
            case CopyOrigin.Container c -> {
                items.addAll(fromContainer(request, containers, c.containerId(), command));
                keepOwners = request.chown().isEmpty();
            }
        }
        long now = Instant.now().getEpochSecond();
        for (Heredoc h : request.heredocs()) {
            if (h.name().contains("/") || h.name().equals(".") || h.name().equals("..")) {
                throw BerthException.invalid(command + " failed: a heredoc's name is the file it makes: \"" + h.name()
                        + "\" cannot be a file name");
            }
            items.add(new HeredocItem(h.name(), h.content(), now));
        }
        if (items.isEmpty()) {
            throw BerthException.invalid(command + " failed: no source files were specified");
        }
        if (items.size() > 1 && !request.destination().endsWith("/")) {
            throw BerthException.invalid("When using " + command
                    + " with more than one source file, the destination must be a directory and end with a /");
        }
        return new PreparedCopy(containers, request, items, keepOwners);
    }

    private static List<CopyItem> fromContext(CopyRequest request, CopyOrigin.Context c, String command) {
        if (request.sources().isEmpty()) {
            return List.of();
        }
        CopySelection selection;
        try {
            selection = c.context().sources().select(request.sources(), true);
        } catch (BerthException e) {
            throw prefixed(command, e);
        }
        return selection.sources().stream().map(s -> (CopyItem) ContextItem.of(s, request.add())).toList();
    }

    private static List<CopyItem> fromContainer(CopyRequest request, ContainerService containers, String containerId,
                                                String command) {
        List<CopyItem> items = new ArrayList<>();
        for (String source : request.sources()) {
            String path = PathNames.clean("/" + ContainerItem.relative(source));
            if (GlobSyntax.hasWildcards(ContainerItem.relative(source))) {
                for (String match : ContainerItem.expand(containers, containerId, source)) {
                    items.add(ContainerItem.read(containers, containerId, match, command));
                }
            } else {
                items.add(ContainerItem.read(containers, containerId, path, command));
            }
        }
        return items;
    }

    private static BerthException prefixed(String command, BerthException e) {
        if (e.kind() != ErrorKind.INVALID_ARGUMENT || e.getMessage().startsWith(command + " failed")) {
            return e;
        }
        return BerthException.invalid(command + " failed: " + e.getMessage(), e);
    }
}
