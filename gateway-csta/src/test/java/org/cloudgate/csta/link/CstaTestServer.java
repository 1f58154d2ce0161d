package org.cloudgate.csta.link;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.CstaMessageDecoder;
import org.cloudgate.csta.codec.CstaMessageEncoder;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.model.SystemState;
import org.cloudgate.csta.xml.XmlNamespaces;

/**
 * A scripted CSTA server on a real socket, enough to drive a {@link CstaLink}: accepts the
 * session (BER: when the password is {@code secret}), answers MonitorStart with a cross reference
 * and then a Delivered event, answers SnapshotDevice with one call, answers keep-alives, refuses
 * device 999 with the monitor limit, never answers GetForwarding, and records what the client
 * sends.
 */
public final class CstaTestServer implements AutoCloseable {

    public static final String PASSWORD = "secret";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Queue<CstaMessage> received = new ConcurrentLinkedQueue<>();
    private final Channel server;

    public CstaTestServer(CstaEncoding encoding) throws InterruptedException {
        CstaCodec codec = encoding.codec();
        CstaMessageDecoder decoder = new CstaMessageDecoder(codec);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ch.pipeline()
                                .addLast(encoding.frameDecoder(CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH))
                                .addLast(decoder)
                                .addLast(new CstaMessageEncoder(codec, XmlNamespaces.ED5))
                                .addLast(new Script());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Queue<CstaMessage> received() {
        return received;
    }

    void send(CstaMessage message) {
        clients.writeAndFlush(message).syncUninterruptibly();
    }

    void sendRaw(byte[] bytes) {
        clients.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    void dropConnections() {
        clients.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        dropConnections();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Script extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Inbound inbound)) {
                return;
            }
            CstaMessage message = inbound.message();
            received.add(message);
            if (message instanceof CstaMessage.AssociationRequest aarq) {
                boolean accepted = aarq.password().equals(PASSWORD);
                ctx.writeAndFlush(new CstaMessage.AssociationResponse(accepted, accepted ? 0 : 14));
            } else if (message instanceof CstaMessage.Invoke invoke) {
                answer(ctx, invoke.invokeId(), invoke.request());
            }
        }

        private void answer(ChannelHandlerContext ctx, int invokeId, CstaRequest request) {
            if (request instanceof CstaRequest.MonitorStart start) {
                if (start.monitorObject().equals("999")) {
                    ctx.writeAndFlush(new CstaMessage.Error(invokeId, CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED));
                    return;
                }
                String crossRef = "M" + start.monitorObject();
                ctx.write(new CstaMessage.Result(invokeId, new CstaResult.MonitorStartResult(crossRef)));
                ctx.writeAndFlush(new CstaMessage.EventReport(CstaMessage.EVENT_INVOKE_ID, crossRef,
                        new CstaEvent.Delivered(new ConnectionId("5", start.monitorObject()), start.monitorObject(),
                                "0791234567", start.monitorObject(), null, LocalConnectionState.ALERTING,
                                EventCause.NEW_CALL)));
            } else if (request instanceof CstaRequest.RequestSystemStatus) {
                ctx.writeAndFlush(new CstaMessage.Result(invokeId,
                        new CstaResult.RequestSystemStatusResult(SystemState.NORMAL)));
            } else if (request instanceof CstaRequest.SnapshotDevice snapshot) {
                ctx.writeAndFlush(new CstaMessage.Result(invokeId, new CstaResult.SnapshotDeviceResult(List.of(
                        new SnapshotCall(new ConnectionId("4", snapshot.snapshotObject()),
                                List.of(LocalConnectionState.CONNECTED, LocalConnectionState.CONNECTED))))));
            } else if (request instanceof CstaRequest.HoldCall
                    || request instanceof CstaRequest.MonitorStop) {
                ctx.writeAndFlush(new CstaMessage.Result(invokeId, new CstaResult.Acknowledgement(request.operation())));
            }
        }
    }
}
