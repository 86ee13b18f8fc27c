/**
 * {@code docker push} over the OCI distribution protocol: {@link berth.distribution.push.Pusher} resolves
 * what to push from the local store, makes each layer present in the target repository (already there,
 * mounted from a sibling repository, or gzip-compressed and uploaded, in chunks when large), uploads the
 * config, and puts a Docker schema 2 manifest under each tag.
 *
 * <p>On disk: compressed layers wait for their upload in {@code <data-root>/distribution/uploads/}
 * (deleted after each upload; leftovers of a crash are swept when the next pusher starts), and every
 * layer pushed is recorded in {@link berth.distribution.pull.LayerSources} so the next push skips it.
 */
package berth.distribution.push;
