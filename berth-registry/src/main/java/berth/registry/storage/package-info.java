/**
 * Storage of berth's registry server ({@code berth registry serve}): blobs, upload sessions,
 * repositories with their manifests and tags, and garbage collection — no HTTP. Entry point:
 * {@link berth.registry.storage.RegistryStorage#open}. Expected failures are
 * {@link berth.registry.storage.RegistryException}s carrying the distribution spec's error code.
 *
 * <p>A push, as the HTTP layer drives it:
 * <pre>{@code
 * RegistryStorage storage = RegistryStorage.open(root, StorageConfig.defaults());
 * RepositoryName repo = RepositoryName.of("library/app");
 * UploadStatus upload = storage.uploads().start(repo);                       // POST .../blobs/uploads/
 * storage.uploads().append(repo, upload.id(), OptionalLong.of(0), chunk);    // PATCH, Content-Range: 0-…
 * storage.uploads().finish(repo, upload.id(), layerDigest, Optional.empty()); // PUT ?digest=…
 * storage.repositories().putManifest(repo, Reference.parse("v1"), bytes,      // PUT .../manifests/v1
 *         "application/vnd.oci.image.manifest.v1+json", List.of(configDigest, layerDigest));
 * }</pre>
 * and a pull reads {@code repositories().getManifest} then {@code repositories().openBlob}.
 *
 * <p>On disk, under the root given with {@code --root}:
 * <pre>
 * blobs/sha256/&lt;2 hex&gt;/&lt;hex&gt;                          blob bytes (layers, configs, manifests), verified
 * uploads/&lt;uuid&gt;/repository                              the repository an upload session pushes into
 * uploads/&lt;uuid&gt;/data                                    the bytes received so far
 * repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;               a blob the repository may serve
 * repositories/&lt;name&gt;/_manifests/revisions/sha256/&lt;hex&gt;   a manifest: media type, then referenced digests
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;              the digest the tag points at
 * </pre>
 * A name may hold slashes ({@code library/busybox}), so repositories nest; no name component starts
 * with '_', which tells a repository's own data from a nested repository. Every file is written whole
 * (temp + fsync + rename + directory fsync), so a crash leaves each either old or new; leftover
 * {@code .tmp-*} files are ignored by every listing.
 */
package berth.registry.storage;
