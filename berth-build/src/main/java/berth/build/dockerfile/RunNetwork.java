package berth.build.dockerfile;

/** The network of one RUN step ({@code RUN --network=default|none|host}). */
public enum RunNetwork {
    DEFAULT,
    NONE,
    HOST
}
