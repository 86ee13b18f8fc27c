/**
 * Images: names, configs, and moving them in and out as tarballs.
 *
 * <p>{@link berth.image.ImageService} is the contract; {@link berth.image.DefaultImageService} the local
 * implementation, on top of the content store and the overlay snapshotter. On disk: the config blob (whose
 * digest is the image ID) and each layer's uncompressed tar (by DiffID) in {@code content/}, unpacked layers
 * in {@code snapshots/}, {@code images/<hex>.json} per image and {@code images/repositories.json} mapping
 * references ({@link berth.image.ImageReference}, Docker's normalisation) to IDs.
 */
package berth.image;
