/**
 * The engine's containers, kept in memory and on disk.
 *
 * <p>One {@link berth.container.local.ContainerEntry} owns each container's state; every change is
 * written to disk (atomically) before it is acknowledged. On disk, under the data root:
 * <pre>
 * containers/&lt;id&gt;/config.json     the container (ContainerStore.Stored), replaced atomically
 * containers/&lt;id&gt;/diff, work      overlayfs upper and work directories (the writable layer)
 * containers/&lt;id&gt;/container.log   output, written by conmon in k8s-file format
 * containers/&lt;id&gt;/hostname, hosts, resolv.conf   bind-mounted into the container's /etc
 * containers/.trash/&lt;id&gt;          a removal in progress; deleted at the next start-up
 * </pre>
 * and under the exec root (gone at reboot, as mounts and processes are):
 * <pre>
 * c/&lt;id&gt;/rootfs   the overlay mount: the image's layers (lower) + diff (upper)
 * c/&lt;id&gt;/bundle   the OCI bundle the runtime adapter writes and conmon uses
 * </pre>
 * A removal renames the container's directory into {@code .trash} in one step, so a crash leaves it
 * either whole or gone; the slow deletion happens afterwards, off the path a waiting client sees.
 */
package berth.container.local;
