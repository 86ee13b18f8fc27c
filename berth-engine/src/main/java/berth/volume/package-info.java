/**
 * Volumes: directories the daemon owns that outlive containers ({@link berth.volume.VolumeService}).
 *
 * <p>On disk ({@code berth.volume.local}): {@code <data-root>/volumes/<name>/volume.json} (name, driver,
 * labels, options, creation time) and {@code <name>/_data}, the directory bound into containers. A
 * create is built in {@code volumes/.tmp-<name>} and renamed into place; a removal renames the
 * directory into {@code volumes/.trash/} before deleting it; the daemon deletes both kinds of leftovers
 * at start. Driver options ({@code type=tmpfs}, {@code o=bind}) are mounted onto {@code _data} while at
 * least one container run uses the volume.
 *
 * <p>Which containers use a volume is the container service's knowledge
 * ({@link berth.volume.VolumeUsage}): each container's volume mount points live in
 * {@code containers/<id>/volumes.json}, written before its config.
 */
package berth.volume;
