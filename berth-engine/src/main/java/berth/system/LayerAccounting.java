package berth.system;

import berth.content.Digest;
import berth.image.ImageService.LayerSize;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer bytes counted as dockerd 20.10 counts them for {@code system df}: a layer is named by its chain ID,
 * so two images share one only when it and everything beneath it are the same. {@code LayersSize} counts
 * each layer any image holds once; an image's shared size is the bytes of its layers that another
 * <em>listed</em> image (intermediate build images are not listed) holds too.
 */
final class LayerAccounting {
    private final Map<Digest, List<LayerSize>> layersOf;
    private final Map<Digest, Long> sizes = new HashMap<>();
    private final Map<Digest, Integer> listedRefs = new HashMap<>();

    /**
     * @param everyImage each image's layers, intermediate images included
     * @param listed     the images {@code docker images} shows, whose sharing counts
     */
    LayerAccounting(Map<Digest, List<LayerSize>> everyImage, Collection<Digest> listed) {
        this.layersOf = Map.copyOf(everyImage);
        everyImage.values().forEach(layers -> layers.forEach(l -> sizes.putIfAbsent(l.chainId(), l.size())));
        for (Digest id : listed) {
            layersOf.getOrDefault(id, List.of()).stream().map(LayerSize::chainId).distinct()
                    .forEach(c -> listedRefs.merge(c, 1, Integer::sum));
        }
    }

    /** Bytes of every layer, each once. */
    long layersSize() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes of all of the image's layers; 0 for an image not given. */
    long size(Digest imageId) {
        return layersOf.getOrDefault(imageId, List.of()).stream().mapToLong(LayerSize::size).sum();
    }

    /** Bytes of the image's layers that another listed image holds too. */
    long sharedSize(Digest imageId) {
        return layersOf.getOrDefault(imageId, List.of()).stream()
                .filter(l -> listedRefs.getOrDefault(l.chainId(), 0) > 1).mapToLong(LayerSize::size).sum();
    }
}
