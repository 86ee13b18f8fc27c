package berth.api.http;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Netty side of the server: one epoll event loop, a unix-socket listener, the HTTP pipeline. */
public final class ApiServerChannels implements AutoCloseable {
    private final EpollEventLoopGroup group;
    private final Channel listener;
    private final Path socket;

    private ApiServerChannels(EpollEventLoopGroup group, Channel listener, Path socket) {
        this.group = group;
        this.listener = listener;
        this.socket = socket;
    }

    public static ApiServerChannels bind(Path socket, Dispatcher dispatcher, ServerHeaders headers) {
        // one thread: the loop only moves bytes, all request work runs on virtual threads
        EpollEventLoopGroup group = new EpollEventLoopGroup(1);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<DomainSocketChannel>() {
                        @Override
                        protected void initChannel(DomainSocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec());
                            ch.pipeline().addLast(new ApiConnectionHandler(dispatcher, headers));
                        }
                    });
            Channel ch = b.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
            return new ApiServerChannels(group, ch, socket);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BerthException(ErrorKind.UNAVAILABLE, "cannot listen on " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (java.io.IOException e) {
            // a leftover socket file is replaced by the next start
        }
    }
}
