package berth.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One berth daemon for all test classes that use it (starting a JVM daemon per class would dominate
 * the suite's time), with busybox:latest made by {@code berth bootstrap busybox}. It is stopped and
 * its directories removed when the test run ends. Tests get it as a {@link DaemonHarness} parameter.
 */
public final class SharedDaemon implements BeforeAllCallback, ParameterResolver {
    private static final String KEY = "berth.shared.daemon";

    @Override
    public void beforeAll(ExtensionContext context) {
        daemon(context);
    }

    static DaemonHarness daemon(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Resource(), Resource.class).harness;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == DaemonHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return daemon(e);
    }

    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final DaemonHarness harness;

        Resource() {
            try {
                harness = DaemonHarness.start();
                Docker.Result r = Docker.berth(harness).run("bootstrap", "busybox");
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("bootstrap busybox failed: " + r + "\n" + harness.log());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared berth daemon", e);
            }
        }

        @Override
        public void close() throws Throwable {
            harness.close();
        }
    }
}
