/**
 * {@code docker pull}: {@link berth.distribution.pull.Puller} streams layers from the registry through
 * digest verification and decompression into the image store's two-phase ingest, three at a time, and
 * commits the image all at once. {@link berth.distribution.pull.LayerSources} remembers where each layer
 * came from ({@code <data-root>/distribution/layer-sources.json}) for the push side.
 */
package berth.distribution.pull;
