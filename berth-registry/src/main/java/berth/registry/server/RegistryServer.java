package berth.registry.server;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.registry.auth.AccessPolicy;
import berth.registry.auth.Authenticator;
import berth.registry.auth.Htpasswd;
import berth.registry.auth.Tokens;
import berth.registry.config.RegistryConfig;
import berth.registry.config.TokenConfig;
import berth.registry.notify.Notifier;
import berth.registry.storage.RegistryStorage;
import berth.registry.storage.StorageConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * {@code berth registry serve}: the OCI distribution API over {@link RegistryStorage}, on TCP with
 * optional TLS. One Netty event loop moves bytes; every request runs on its own virtual thread
 * ({@link RegistryRoutes}). Blobs are sent from their files (sendfile without TLS), never held in memory.
 */
public final class RegistryServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RegistryServer.class.getName());
    /** Sessions idle this long are abandoned pushes; the scheduled collection purges them. */
    private static final Duration UPLOAD_IDLE = Duration.ofHours(24);

    private final NioEventLoopGroup group;
    private final Channel listener;
    private final Notifier notifier;
    private final Optional<ScheduledExecutorService> gc;
    private final boolean tls;

    private RegistryServer(NioEventLoopGroup group, Channel listener, Notifier notifier, Optional<ScheduledExecutorService> gc, boolean tls) {
        this.group = group;
        this.listener = listener;
        this.notifier = notifier;
        this.gc = gc;
        this.tls = tls;
    }

    public static RegistryServer start(RegistryConfig config) {
        StorageConfig limits = StorageConfig.defaults().withGcGrace(config.gcGrace());
        RegistryStorage storage = RegistryStorage.open(config.root(), limits);
        Authenticator auth = authenticator(config);
        Optional<TokenRoute> tokenRoute = auth.tokens().map(t -> new TokenRoute(auth, t, InstantSource.system()));
        Notifier notifier = new Notifier(config.notifications(), config.host() + ":" + config.port());
        RegistryContext ctx = new RegistryContext(storage, limits, auth,
                config.auth().token().flatMap(TokenConfig::realm), notifier::publish);
        RegistryRoutes routes = new RegistryRoutes(ctx, tokenRoute);
        Optional<SslContext> ssl = config.tls().map(t -> sslContext(PemFiles.certificates(t.certificate()), t.key()));

        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ssl.ifPresent(s -> ch.pipeline().addLast(s.newHandler(ch.alloc())));
                            ch.pipeline().addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
                            ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                            ch.pipeline().addLast(new ChunkedWriteHandler());
                            ch.pipeline().addLast(new RegistryChannelHandler(routes, ssl.isPresent()));
                        }
                    });
            Channel listener = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
            Optional<ScheduledExecutorService> gc = config.gcInterval().map(every -> scheduleGc(storage, every));
            return new RegistryServer(group, listener, notifier, gc, ssl.isPresent());
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            notifier.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BerthException(ErrorKind.UNAVAILABLE, "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** The port bound (the one asked for, or the free one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public boolean tls() {
        return tls;
    }

    /** Blocks until the listener closes. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        gc.ifPresent(ScheduledExecutorService::shutdownNow);
        notifier.close();
    }

    static Authenticator authenticator(RegistryConfig config) {
        if (!config.auth().enabled()) {
            return Authenticator.open();
        }
        Htpasswd users = Htpasswd.load(config.auth().htpasswd().orElseThrow());
        AccessPolicy policy = new AccessPolicy(config.auth().access());
        if (config.auth().token().isEmpty()) {
            return Authenticator.basic(users, policy);
        }
        TokenConfig t = config.auth().token().get();
        byte[] key;
        try {
            key = Files.readAllBytes(t.key());
        } catch (IOException e) {
            throw BerthException.invalid("cannot read token signing key " + t.key() + ": " + e.getMessage(), e);
        }
        try {
            return Authenticator.token(users, policy, new Tokens(key, t.issuer(), t.service(), t.lifetime()), InstantSource.system());
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid(e.getMessage() + " (" + t.key() + ")", e);
        }
    }

    private static SslContext sslContext(java.util.List<X509Certificate> chain, java.nio.file.Path key) {
        try {
            return SslContextBuilder.forServer(PemFiles.privateKey(key), chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw BerthException.invalid("cannot set up TLS with " + key + ": " + e.getMessage(), e);
        }
    }

    private static ScheduledExecutorService scheduleGc(RegistryStorage storage, Duration every) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("registry-gc").factory());
        s.scheduleWithFixedDelay(() -> {
            try {
                int purged = storage.uploads().purgeIdleBefore(java.time.Instant.now().minus(UPLOAD_IDLE));
                var report = storage.garbageCollector().collect();
                LOG.log(System.Logger.Level.INFO, "garbage collection: deleted {0} blobs ({1} bytes), {2} referenced, {3} spared; purged {4} idle uploads",
                        report.deleted().size(), report.bytesFreed(), report.referenced(), report.spared(), purged);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "garbage collection failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }
}
