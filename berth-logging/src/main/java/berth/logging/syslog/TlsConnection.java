package berth.logging.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code tcp+tls://}: messages over TLS. A blocking socket whose writes are bounded by a watchdog
 * that closes the socket when one takes longer than the write timeout.
 */
final class TlsConnection implements SyslogConnection {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "syslog-tls-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final SSLSocket socket;
    private final OutputStream out;
    private final Duration writeTimeout;

    TlsConnection(SSLContext context, InetSocketAddress target, boolean verifyHostname, Duration connectTimeout,
                  Duration writeTimeout) throws IOException {
        this.writeTimeout = writeTimeout;
        socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            if (verifyHostname) {
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
            }
            socket.connect(target, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) connectTimeout.toMillis());
            socket.startHandshake();
            out = socket.getOutputStream();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void write(byte[] message) throws IOException {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::close, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(message);
            out.flush();
        } finally {
            watchdog.cancel(false);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
