/**
 * The registry client: HTTP/1.1 over {@link java.net.http.HttpClient} on virtual threads.
 *
 * <ul>
 *   <li>{@link berth.distribution.client.RegistryClient}: endpoints (mirrors, https then http for insecure
 *       registries, decided once per registry), authentication (anonymous, Basic, Bearer tokens from the
 *       {@code WWW-Authenticate} realm, cached per registry, credentials and scope set until they expire;
 *       identity tokens traded with {@code grant_type=refresh_token}), redirects that never carry
 *       credentials to another host, login.</li>
 *   <li>{@link berth.distribution.client.RemoteRepository}: manifest GET/HEAD, blob GET (verified,
 *       resumed with {@code Range}), blob HEAD, uploads (monolithic and chunked), cross-repository mount,
 *       manifest PUT.</li>
 *   <li>{@link berth.distribution.client.RegistryErrors}: the spec's error body, in dockerd's words.</li>
 * </ul>
 *
 * <p>Limits against hostile registries: manifests 4 MiB, configs 8 MiB, token answers 1 MiB, error bodies
 * 64 KiB; blobs exactly their declared size; 60 s until response headers, 60 s of silence mid-blob
 * before resuming, 5 resumes per blob, 5 redirects.
 */
package berth.distribution.client;
