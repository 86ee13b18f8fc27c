package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.ExecDtos;
import berth.api.wire.ExecRequest;
import berth.container.Attachment;
import berth.container.ConsoleSize;
import berth.container.ContainerService;
import berth.container.DetachKeys;
import berth.container.ExecInfo;
import berth.container.ExecSpec;
import berth.errors.BerthException;
import java.util.Optional;

/**
 * The exec endpoints: {@code POST /containers/{id}/exec} registers a command, {@code POST
 * /exec/{id}/start} runs it (detached, or over a hijacked connection exactly like attach), and
 * {@code GET /exec/{id}/json} reports its exit code, which is how the CLI learns its own exit status.
 */
public final class ExecRoutes {
    private final ContainerService containers;

    public ExecRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("POST", "/containers/([^/]+)/exec", this::create);
        r.add("POST", "/exec/([^/]+)/start", this::start);
        r.add("POST", "/exec/([^/]+)/resize", this::resize);
        r.add("GET", "/exec/([^/]+)/json", ex -> ex.respondJson(200, ExecDtos.inspect(containers.inspectExec(ex.param(0)))));
    }

    private void create(Exchange ex) {
        String id = containers.createExec(ex.param(0), ExecRequest.toSpec(ex.jsonBody()));
        ex.respondJson(201, new ExecDtos.IdResponse(id));
    }

    /**
     * The body's {@code Tty} is not consulted: the framing follows the TTY the exec was created
     * with, which is what the process's output really is.
     */
    private void start(Exchange ex) throws Exception {
        boolean detach = ExecRequest.detach(ex.jsonBody());
        ExecInfo info = containers.inspectExec(ex.param(0));
        Optional<ConsoleSize> size = info.spec().tty() ? ExecRequest.consoleSize(ex.jsonBody()) : Optional.empty();
        if (detach) {
            try (Attachment attachment = containers.startExec(info.id(), detach, size)) {
                ex.respondEmpty(200);
            }
            return;
        }
        // what would fail the start is answered with a status before the hijack; a race after it
        // (the container stopped just now) is written into the stream
        if (info.running() || info.exitCode().isPresent()) {
            throw BerthException.conflict("exec " + info.id() + " has already been started");
        }
        if (!containers.inspect(info.containerId()).state().running()) {
            throw BerthException.conflict("Container " + info.containerId() + " is not running");
        }
        ExecSpec spec = info.spec();
        new HijackSession(spec.attachStdout(), spec.attachStderr(), spec.tty(), DetachKeys.parse(spec.detachKeys()))
                .serve(ex, () -> containers.startExec(info.id(), false, size));
    }

    /** Without a TTY there is nothing to resize; dockerd still answers 200 for a known exec. */
    private void resize(Exchange ex) {
        int h = checkSize(ex, "h");
        int w = checkSize(ex, "w");
        containers.resizeExec(ex.param(0), h, w);
        ex.respondText(200, "text/plain; charset=utf-8", "");
    }

    /** dockerd requires both dimensions. */
    static int checkSize(Exchange ex, String key) {
        int v = ex.query().integer(key).orElseThrow(() -> BerthException.invalid(
                "missing query parameter " + key + " (the TTY size is given as ?h=ROWS&w=COLUMNS)"));
        if (v < 0) {
            throw BerthException.invalid("invalid value for " + key + ": " + v + " (must not be negative)");
        }
        return v;
    }
}
