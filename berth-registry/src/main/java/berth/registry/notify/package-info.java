/**
 * Webhook notifications in Docker Distribution's format ({@code application/vnd.docker.distribution.events.v1+json}),
 * delivered asynchronously with retries by {@link berth.registry.notify.Notifier}.
 */
package berth.registry.notify;
