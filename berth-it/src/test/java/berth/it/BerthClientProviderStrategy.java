package berth.it;

import java.net.URI;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Points Testcontainers at the test daemon named by the system property {@value #PROPERTY}.
 * Testcontainers reads its Docker host only from the environment or {@code ~/.testcontainers.properties};
 * a strategy found through the ServiceLoader lets a test choose it without touching either, and is
 * not persisted to the user's home (which Testcontainers does for strategies by default).
 */
public final class BerthClientProviderStrategy extends DockerClientProviderStrategy {
    static final String PROPERTY = "berth.it.docker.host";

    @Override
    public String getDescription() {
        return "berth test daemon at " + System.getProperty(PROPERTY);
    }

    @Override
    protected boolean isApplicable() {
        return System.getProperty(PROPERTY) != null;
    }

    @Override
    protected boolean isPersistable() {
        return false;
    }

    @Override
    protected int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public TransportConfig getTransportConfig() {
        return TransportConfig.builder().dockerHost(URI.create(System.getProperty(PROPERTY))).build();
    }
}
