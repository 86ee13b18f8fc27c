/**
 * The log drivers as the daemon uses them ({@link berth.logging.daemon.ContainerLogDrivers}, the engine's
 * {@link berth.logs.driver.LogDrivers}): the registry, the daemon's defaults and how a container's config is
 * resolved against them, delivery modes, and Docker 20.10's dual-logging cache for drivers that cannot read.
 */
package berth.logging.daemon;
