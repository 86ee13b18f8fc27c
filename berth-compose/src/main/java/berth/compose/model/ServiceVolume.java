package berth.compose.model;

/**
 * One mount of a service, long form.
 *
 * @param type {@code bind}, {@code volume}, {@code tmpfs}, {@code npipe}, {@code cluster} or
 *     {@code image}
 * @param source for {@code bind}: an absolute host path ({@code ./x} and {@code ~} resolved); for
 *     {@code volume}: the volume KEY in {@link Project#volumes()} (look up its engine name there), or
 *     null for an anonymous volume; null for {@code tmpfs}
 * @param target path in the container
 * @param readOnly mounted read-only
 * @param consistency {@code consistency}, or null
 * @param bind bind options, or null
 * @param volume volume options, or null
 * @param tmpfs tmpfs options, or null
 */
public record ServiceVolume(
    String type,
    String source,
    String target,
    boolean readOnly,
    String consistency,
    BindOptions bind,
    VolumeOptions volume,
    TmpfsOptions tmpfs) {

  /**
   * @param propagation {@code rprivate}, {@code shared}, ..., or null
   * @param createHostPath create the source directory when missing (true for the short syntax)
   * @param selinux {@code z}, {@code Z}, or null
   */
  public record BindOptions(String propagation, Boolean createHostPath, String selinux) {}

  /**
   * @param nocopy do not copy the image's content into a new volume
   * @param subpath mount only this path inside the volume, or null
   */
  public record VolumeOptions(boolean nocopy, String subpath) {}

  /**
   * @param size size in bytes, or null
   * @param mode file mode (e.g. {@code 01777} octal), or null
   */
  public record TmpfsOptions(Long size, Integer mode) {}
}
