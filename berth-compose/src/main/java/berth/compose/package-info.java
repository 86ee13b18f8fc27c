/**
 * Compose: multi-container applications from a compose file. {@code berth.compose.model} loads a
 * project (YAML, interpolation, merging, extends, profiles, schema validation); {@code
 * berth.compose.project} brings it up and down through the Engine API, with the labels Docker Compose
 * v2 uses, so either tool recognises the other's projects.
 */
package berth.compose;
