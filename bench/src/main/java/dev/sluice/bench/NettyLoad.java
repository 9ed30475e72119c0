package dev.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The streams of a run on bare Netty connections: an event loop group (epoll where available),
 * the C slots spread evenly over its loops, each slot's connections on its own loop, opened
 * over the ramp.
 */
final class NettyLoad implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;
    private final List<List<NettyStreamSlot>> slotsByLoop = new ArrayList<>();
    private final List<EventLoop> loops = new ArrayList<>();

    NettyLoad(int eventLoops) {
        epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(eventLoops) : new NioEventLoopGroup(eventLoops);
    }

    String transport() {
        return epoll ? "netty, native (epoll)" : "netty, NIO (" + Epoll.unavailabilityCause() + ")";
    }

    void start(BenchOptions options, LoadMetrics metrics, RunState run) {
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
        int loopCount = Math.min(loops.size(), options.concurrency());
        long rampMs = options.rampSeconds() * 1000L;
        for (int i = 0; i < loopCount; i++) {
            EventLoop loop = loops.get(i);
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    .handler(new ChannelInboundHandlerAdapter()); // each connection sets its own
            int share = options.concurrency() / loopCount + (i < options.concurrency() % loopCount ? 1 : 0);
            List<NettyStreamSlot> slots = new ArrayList<>();
            for (int k = 0; k < share; k++) {
                NettyStreamSlot slot = new NettyStreamSlot(loop, bootstrap, options, metrics, run);
                slots.add(slot);
                long delay = share > 1 ? rampMs * k / share : 0;
                loop.schedule(slot::open, delay, TimeUnit.MILLISECONDS);
            }
            slotsByLoop.add(slots);
            System.err.printf("[%s] netty loop %d runs %d streams%n", options.label(), i, share);
        }
    }

    /** Closes every stream still open, each on its own loop; called when the run ends. */
    void closeAll() {
        for (int i = 0; i < slotsByLoop.size(); i++) {
            List<NettyStreamSlot> slots = slotsByLoop.get(i);
            loops.get(i).execute(() -> slots.forEach(NettyStreamSlot::close));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS)) {
            System.err.println("Netty still closing connections after 10 s; exiting anyway");
        }
    }
}
