/**
 * The compose-file model: {@link berth.compose.model.ComposeLoader} turns one or more compose files
 * into a resolved, normalised {@link berth.compose.model.Project}.
 *
 * <p>Pipeline (docker compose v2 is the reference). Per file: read YAML ({@link YamlReader}: YAML
 * 1.2 scalars, anchors, {@code !reset}/{@code !override}) → interpolate values ({@link
 * Interpolator}; {@code .env} under the given environment) → validate against {@code
 * compose-spec.json} ({@link SchemaValidator}; a copy is a resource of this package) → rewrite short
 * syntaxes into long ones with absolute paths ({@link Canonicalizer}) → {@code include} ({@link
 * Includes}) → {@code extends} ({@link Extends}). Then: merge the files in order ({@link Merger}) →
 * name the project ({@link ProjectName}) → build the records ({@link ModelBuilder}; env files read,
 * engine names given) → semantic checks ({@link SemanticChecks}: undefined references, cycles) →
 * profiles ({@link Profiles}). Every failure is a {@link ComposeFileException} whose message names
 * the file and key path. {@link ProjectPrinter} writes the model back out ({@code config}); {@link
 * ConfigHash} fingerprints a service for recreate decisions.
 *
 * <p>The model is plain records: lists and maps are unmodifiable, {@code null} means "not set in the
 * file" wherever the difference matters (command, entrypoint, healthcheck, init, ...). Durations are
 * {@link java.time.Duration}, sizes are bytes ({@code Long}). Nothing here reads the process
 * environment or talks to the daemon.
 */
package berth.compose.model;
