/**
 * Housekeeping across the engine's stores: how much disk images, containers, volumes and the build cache
 * take ({@code docker system df}, {@link berth.system.DiskUsageService}), counted as dockerd 20.10 counts.
 *
 * <p>Vocabulary (Docker's): an image's <em>size</em> is the bytes of all its layers; its <em>shared
 * size</em> the bytes of those layers another listed image has too; <em>unique</em> is the difference.
 * {@code LayersSize} counts every layer any image (intermediate ones included) holds, once. A container's
 * {@code SizeRw} is its writable layer, {@code SizeRootFs} that plus its image. A volume's
 * {@code RefCount} is how many containers, running or not, name it. Sizes are measured when asked, by
 * walking the directories ({@link berth.store.DirectorySize}); nothing is cached.
 */
package berth.system;
