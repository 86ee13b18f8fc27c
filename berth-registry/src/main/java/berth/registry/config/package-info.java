/** The registry server's configuration: the YAML file ({@link berth.registry.config.ConfigFile}) and its records. */
package berth.registry.config;
