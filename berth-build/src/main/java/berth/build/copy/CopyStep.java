package berth.build.copy;

import berth.container.ContainerService;

/**
 * A COPY/ADD step: its sources selected and digested ({@link #prepare}), then written into a step
 * container's root filesystem ({@link #applyTo}), which the executor commits as the step's layer.
 *
 * <p>Usage by the executor: {@code var step = CopyStep.prepare(request, containers);} then look the cache
 * up with {@code step.cacheDigest()}; on a miss create a container on the parent image (not started),
 * {@code step.applyTo(containerId)}, and commit it with {@code step.createdBy()} as the history entry.
 */
public interface CopyStep {
    /**
     * What the layer cache keys this step on (with the parent image): the content, modes, owners and
     * links of everything copied, the destination, and the chown/chmod options. Never mtimes.
     */
    String cacheDigest();

    /**
     * The history entry, in Docker's classic form: {@code /bin/sh -c #(nop) COPY file:<hex> in /dest }
     * or {@code dir:<hex>} or {@code multi:<hex>}, {@code ADD} likewise.
     */
    String createdBy();

    /** Copies into the (created, not running) container; the destination's parents are made as needed. */
    void applyTo(String containerId);

    /**
     * Selects the sources (a missing one, one outside the context, or an ADD URL fails here with
     * Docker's message, INVALID_ARGUMENT) and digests them.
     */
    static CopyStep prepare(CopyRequest request, ContainerService containers) {
        return CopySteps.prepare(request, containers);
    }
}
