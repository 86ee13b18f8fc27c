/**
 * Registry credentials on the client side, as the docker CLI keeps them: the client configuration file
 * ({@code config.json} with its {@code auths} map), the keys registries are stored under
 * ({@code https://index.docker.io/v1/} for Docker Hub, the host name for the rest), and the
 * {@code X-Registry-Auth} header the daemon receives with a pull or push.
 *
 * <p>Where the file is: {@code --config DIR} or {@code $DOCKER_CONFIG} name the directory; otherwise
 * {@code ~/.berth/config.json} when it exists, else {@code ~/.docker/config.json}, so a user of both
 * tools needs one login. Writes go to the chosen file, except that berth never rewrites docker's own
 * default file: a login then starts {@code ~/.berth/config.json} from its content.
 *
 * <p>Credential helpers ({@code credsStore}, {@code credHelpers}) are not run: berth reads and writes
 * only the {@code auths} entries and says so when a file names a helper.
 */
package berth.client.auth;
