package org.cloudgate.sip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.transaction.Branch;
import org.cloudgate.sip.transaction.DialogTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The last handler of every SIP pipeline: hands each accepted message, with its source and
 * transport, to the transaction layer of the channel's event loop. For a stream it also records
 * the connection, so that messages to that peer reuse it.
 */
@Sharable
final class TransactionDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransactionDispatcher.class);

    private final Function<EventLoop, LoopStack> stacks;
    private final IntFunction<LoopStack> byIndex;
    private final Function<LoopStack, SipTransport> transport;
    private final IntSupplier loopCount;

    /**
     * @param stacks    the stack of a loop
     * @param byIndex   the stack of the loop with a number, or {@code null} for none
     * @param transport which of a stack's transports this pipeline carries
     * @param loopCount how many loops there are, numbered from 0
     */
    TransactionDispatcher(Function<EventLoop, LoopStack> stacks, IntFunction<LoopStack> byIndex,
                          Function<LoopStack, SipTransport> transport, IntSupplier loopCount) {
        this.stacks = stacks;
        this.byIndex = byIndex;
        this.transport = transport;
        this.loopCount = loopCount;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // A listener becomes active while the stacks are being built; only connections need recording.
        LoopStack stack = stacks.apply(ctx.channel().eventLoop());
        if (stack != null && transport.apply(stack) instanceof StreamTransport stream) {
            stream.opened(ctx.channel());
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LoopStack stack = stacks.apply(ctx.channel().eventLoop());
        if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SipMessage message
                && envelope.sender() instanceof InetSocketAddress sender) {
            deliver(stack, message, sender);
        } else if (msg instanceof SipMessage message) {
            deliver(stack, message, (InetSocketAddress) ctx.channel().remoteAddress());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A response goes to the loop its branch names, a request inside a dialog to the loop its To
     * tag names (the dialog's), and any other request to a loop chosen by its Call-ID. A peer's
     * datagrams all arrive on one socket (the kernel spreads a shared port by address), so the
     * Call-ID is what spreads the calls of one busy peer, such as the PBX, over every loop; the
     * retransmissions, the CANCEL and the ACK of a request share its Call-ID and follow it.
     */
    private void deliver(LoopStack here, SipMessage message, InetSocketAddress source) {
        LoopStack owner = here;
        int loop = message.isRequest() ? requestLoop(message) : Branch.loopOf(message.topVia().branch());
        LoopStack named = loop < 0 || loop == here.layer().index() ? null : byIndex.apply(loop);
        if (named != null) {
            owner = named;
        }
        SipTransport via = transport.apply(here);
        if (owner == here) {
            here.layer().receive(message, source, via);
        } else {
            LoopStack target = owner;
            target.layer().loop().execute(() -> target.layer().receive(message, source, via));
        }
    }

    private int requestLoop(SipMessage request) {
        if (request.rejection() != null) {
            return -1;
        }
        NameAddress to = request.to();
        int dialog = to == null ? -1 : DialogTag.loopOf(to.tag());
        if (dialog >= 0) {
            return dialog;
        }
        String callId = request.callId();
        int loops = loopCount.getAsInt();
        return callId == null || loops <= 1 ? -1 : Math.floorMod(callId.hashCode(), loops);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("SIP channel {} failed: {}", ctx.channel(), cause.toString());
        if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
            ctx.close();
        }
    }
}
