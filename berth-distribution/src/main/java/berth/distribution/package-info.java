/**
 * berth's side of the OCI distribution protocol: this package is the model, without any I/O of its
 * own, shared by the registry client and berth's registry server; {@code client} speaks HTTP to
 * registries (auth, resumable verified blobs, uploads), {@code pull} and {@code push} move images
 * between a registry and the local image store, and {@link berth.distribution.DistributionService}
 * is the engine's {@link berth.image.RegistryService}.
 *
 * <ul>
 *   <li>{@link berth.distribution.MediaTypes}: Docker schema 2 and OCI types, and what each means.</li>
 *   <li>{@link berth.distribution.ManifestParser}: hostile bytes to a {@link berth.distribution.Manifest}
 *       (an {@link berth.distribution.ImageManifest} or a {@link berth.distribution.ManifestIndex}),
 *       keeping the bytes, since a manifest's digest is the digest of its bytes.</li>
 *   <li>{@link berth.distribution.PlatformMatcher}: which entry of an index to pull, in containerd's
 *       normal form of platforms ({@link berth.distribution.Platform}).</li>
 *   <li>{@link berth.distribution.AuthChallenge} and {@link berth.distribution.Scope}: the 401 answer
 *       of a registry and the token request it calls for.</li>
 *   <li>{@link berth.distribution.VerifyingInputStream}: a blob is trusted only after its size and
 *       digest are checked at EOF.</li>
 *   <li>{@link berth.distribution.RegistryHosts}: which URLs serve a registry name (Docker Hub,
 *       mirrors, insecure registries), as dockerd's daemon.json settings decide.</li>
 * </ul>
 *
 * <p>Errors on bad input are {@link berth.errors.BerthException} INVALID_ARGUMENT (NOT_FOUND when an
 * index has no manifest for the platform); stream failures are {@link java.io.IOException}s.
 */
package berth.distribution;
