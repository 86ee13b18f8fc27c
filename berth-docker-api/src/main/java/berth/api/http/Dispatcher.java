package berth.api.http;

import berth.errors.BerthException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one exchange on its virtual thread: strips the version prefix, routes, and turns every
 * failure into Docker's error shape. This is the single place where errors meet HTTP.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    private final Router router;

    public Dispatcher(Router router) {
        this.router = router;
    }

    public void dispatch(Exchange ex) {
        try {
            ApiVersion.VersionedPath vp = ApiVersion.split(ex.rawPath());
            var match = router.match(ex.method(), vp.path());
            if (match.isEmpty()) {
                ex.respondError(404, "page not found");
                return;
            }
            ex.route(vp.effective(), match.get().params());
            match.get().handler().handle(ex);
            if (ex.state() == Exchange.State.NEW) {
                throw new IllegalStateException("no response for " + ex.method() + " " + ex.rawPath());
            }
        } catch (ClientDisconnected gone) {
            ex.disconnected();
        } catch (BerthException e) {
            fail(ex, ErrorStatus.of(e.kind()), e.getMessage());
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "internal error serving " + ex.method() + " " + ex.rawPath(), e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            fail(ex, 500, msg);
        }
    }

    /** Reports a failure in whatever form the response is still able to carry. */
    private static void fail(Exchange ex, int status, String message) {
        try {
            switch (ex.state()) {
                case NEW -> ex.respondError(status, message);
                case STREAMING -> ex.failStream(status, message);
                case HIJACKED -> ex.abortConnection();
                case DONE -> { }
            }
        } catch (ClientDisconnected gone) {
            ex.disconnected();
        }
    }

    /** The line a JSON progress stream carries when it fails after the headers went out. */
    public static Map<String, Object> errorLine(String message) {
        return Map.of("errorDetail", Map.of("message", message), "error", message);
    }
}
