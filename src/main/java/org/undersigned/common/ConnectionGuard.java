package org.undersigned.common;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.ServerID;
import io.vertx.core.net.impl.TCPServerBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client can hold open, before any request exists: connections on the public port are
 * counted per client ({@link ClientKeys}: an address, an IPv6 /64) and in all, and a connection
 * beyond either cap is closed as it opens; so a flood of connections uses up the flooder's share,
 * never the process's files. A connection must also deliver each request's line and headers within
 * {@code header-timeout} of its opening, or of the first byte after its previous answer, however
 * slowly the bytes trickle in; otherwise it is closed. Requests in progress (a long rendering, a
 * summary stream) hold no deadline: their bodies are bounded by {@link ClientGuard}.
 *
 * <p>The HTTP layer offers no hook at the moment a connection opens, so this sits in the socket's
 * own pipeline: a handler ahead of the server channel's acceptor sees each new connection, and a
 * handler at the head of the connection sees its bytes; the router's first route says when a
 * request's head has arrived and when its answer has ended.
 */
@ApplicationScoped
class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    private static final String ACCEPT_HANDLER = "undersigned-connection-caps";
    private static final String DEADLINE_HANDLER = "undersigned-header-deadline";
    private static final AttributeKey<HeaderDeadline> DEADLINE = AttributeKey.valueOf(DEADLINE_HANDLER);
    /** Before every other route: the head has arrived. */
    private static final int ORDER = -10_000;
    /** Files kept for everything but client connections: the pool, the management port, logs, classes, temporary files. */
    private static final int FILE_RESERVE = 512;

    private final Vertx vertx;
    private final ClientKeys clients;
    private final int perClient;
    private final int max;
    private final long headerTimeoutMillis;
    private final Map<String, AtomicInteger> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refusedPerClient;
    private final Counter refusedInAll;
    private final Counter timedOut;

    ConnectionGuard(Vertx vertx, ClientKeys clients, UndersignedConfig config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.clients = clients;
        this.perClient = config.limits().connectionsPerClient();
        this.max = withinFileLimit(config.limits().maxConnections());
        this.headerTimeoutMillis = config.limits().headerTimeout().toMillis();
        this.refusedPerClient = Counter.builder("undersigned.connections.refused").tag("reason", "per_client")
                .description("Connections closed as they opened, over a cap").register(metrics);
        this.refusedInAll = Counter.builder("undersigned.connections.refused").tag("reason", "in_all")
                .description("Connections closed as they opened, over a cap").register(metrics);
        this.timedOut = Counter.builder("undersigned.connections.header_timeouts")
                .description("Connections closed because a request's head did not arrive in time").register(metrics);
        metrics.gauge("undersigned.connections.open", open);
    }

    /** The cap in all, kept well below the process's open-file limit. */
    private static int withinFileLimit(int configured) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os)) {
            return configured;
        }
        long files = os.getMaxFileDescriptorCount();
        int allowed = (int) Math.max(64, Math.min(Integer.MAX_VALUE, (files - FILE_RESERVE) * 3 / 4));
        if (allowed < configured) {
            LOG.warnf("undersigned.limits.max-connections is %d, but the process may open only %d files: at most %d"
                    + " connections are kept open; raise the open-file limit (ulimit -n) for more", configured, files, allowed);
            return allowed;
        }
        return configured;
    }

    int max() {
        return max;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::headArrived);
    }

    /** The public port is listening: its server channel gets the caps (the management port has its own). */
    void started(@ObservesAsync HttpServerStart start) {
        Map<ServerID, ? extends TCPServerBase> servers = ((VertxInternal) vertx).sharedHttpServers();
        synchronized (servers) {
            servers.forEach((id, server) -> {
                if (id.port == start.options().getPort()) {
                    guard(server);
                }
            });
        }
    }

    private void guard(TCPServerBase server) {
        Channel channel = serverChannel(server);
        if (channel == null) {
            LOG.warn("the server's socket could not be reached: connections are not capped");
            return;
        }
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(ACCEPT_HANDLER) == null) {
                channel.pipeline().addFirst(ACCEPT_HANDLER, new Caps());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Channel serverChannel(TCPServerBase server) {
        try {
            Field field = TCPServerBase.class.getDeclaredField("bindFuture");
            field.setAccessible(true);
            Future<Channel> bound = (Future<Channel>) field.get(server);
            return bound == null ? null : bound.result();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private void headArrived(RoutingContext context) {
        if (context.request().connection() instanceof ConnectionBase connection) {
            HeaderDeadline deadline = connection.channel().attr(DEADLINE).get();
            if (deadline != null) {
                deadline.requestStarted();
                context.addEndHandler(ended -> deadline.requestEnded());
            }
        }
        context.next();
    }

    /** On the server channel, ahead of its acceptor: each new connection is counted, or closed. */
    @ChannelHandler.Sharable
    private final class Caps extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (!(message instanceof Channel connection)) {
                context.fireChannelRead(message);
                return;
            }
            String client = clients.clientOf(connection.remoteAddress());
            AtomicInteger held = byClient.computeIfAbsent(client, c -> new AtomicInteger());
            boolean overClient = held.incrementAndGet() > perClient;
            boolean overAll = open.incrementAndGet() > max;
            if (overClient || overAll) {
                release(client, held);
                (overClient ? refusedPerClient : refusedInAll).increment();
                // not yet registered with an event loop: closed here, as the acceptor closes what it cannot take
                connection.unsafe().closeForcibly();
                return;
            }
            HeaderDeadline deadline = new HeaderDeadline();
            connection.attr(DEADLINE).set(deadline);
            connection.pipeline().addFirst(DEADLINE_HANDLER, deadline);
            connection.closeFuture().addListener(closed -> release(client, held));
            context.fireChannelRead(connection);
        }
    }

    private void release(String client, AtomicInteger held) {
        open.decrementAndGet();
        if (held.decrementAndGet() <= 0) {
            byClient.remove(client, held);
        }
    }

    /**
     * At the head of a connection: while no request is in progress, the first byte that arrives
     * (or the opening) starts the clock for the next request's head. Everything runs on the
     * connection's event loop.
     */
    private final class HeaderDeadline extends ChannelDuplexHandler {

        private ChannelHandlerContext context;
        private ScheduledFuture<?> timer;
        private int inProgress;

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            this.context = context;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            arm();
            context.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (inProgress == 0 && timer == null) {
                arm();
            }
            context.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            disarm();
            context.fireChannelInactive();
        }

        void requestStarted() {
            onLoop(() -> {
                inProgress++;
                disarm();
            });
        }

        void requestEnded() {
            // the next request's clock starts with its first byte, not now: an idle keep-alive
            // connection is the HTTP layer's idle timeout's to close
            onLoop(() -> inProgress = Math.max(0, inProgress - 1));
        }

        private void arm() {
            if (context == null || timer != null) {
                return;
            }
            timer = context.executor().schedule(() -> {
                timer = null;
                if (inProgress == 0 && context.channel().isActive()) {
                    timedOut.increment();
                    context.close();
                }
            }, headerTimeoutMillis, TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void onLoop(Runnable task) {
            if (context == null) {
                return;
            }
            if (context.executor().inEventLoop()) {
                task.run();
            } else {
                context.executor().execute(task);
            }
        }
    }
}
