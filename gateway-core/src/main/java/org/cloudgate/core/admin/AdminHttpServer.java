package org.cloudgate.core.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import org.cloudgate.core.config.AdminSettings;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.metrics.GatewayMetrics;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.sip.transport.IdleConnectionCloser;
import org.cloudgate.core.transport.ListenerUrl;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP listener ({@code /metrics}, {@code /health/*}) on the shared event loops.
 * Requests are small and bounded; idle connections are closed after a minute.
 */
public final class AdminHttpServer implements Component {

    static final String NAME = "admin-http";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final AdminSettings settings;
    private final String portLocation;
    private final EventLoops loops;
    private final Readiness readiness;
    private final AdminRequestHandler handler;
    private volatile Channel channel;

    /**
     * @param portLocation where the port setting comes from, for the message when binding fails
     */
    public AdminHttpServer(AdminSettings settings, String portLocation, EventLoops loops,
                           GatewayMetrics metrics, Readiness readiness) {
        this.settings = settings;
        this.portLocation = portLocation;
        this.loops = loops;
        this.readiness = readiness;
        this.handler = new AdminRequestHandler(metrics, readiness);
        readiness.report(NAME, false, "not bound yet");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws ListenerBindException {
        ChannelInitializer<Channel> perConnection = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                        .addLast(new IdleConnectionCloser())
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(handler);
            }
        };
        String address = settings.bind() + ":" + settings.port();
        try {
            channel = loops.listen(settings.bind(), settings.port(), perConnection);
        } catch (Exception e) {
            readiness.report(NAME, false, "cannot bind " + address);
            throw new ListenerBindException("the admin HTTP listener", address, "cloudgate.admin.port",
                    portLocation, e);
        }
        readiness.report(NAME, true, listening().get(0));
    }

    @Override
    public List<String> listening() {
        return ListenerUrl.of("http", channel);
    }

    @Override
    public void stop() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
            readiness.report(NAME, false, "closed");
        }
    }
}
