package dev.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One stream slot of a WebSocket leg: one {@code /v1/ws} connection per slot, kept for the
 * whole leg, carrying one stream at a time ({@code start} → {@code started} → events →
 * {@code done}, then the next {@code start}), so it compares with one kept-alive HTTP
 * connection per stream. Frames are classified by their {@code type} in place. On one loop.
 */
final class WsProxySlot implements ProxySlot {

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ProxyLeg leg;
    private final LoadMetrics metrics;
    private final RunState run;
    private final ProxyTiming timing;
    private final URI uri;
    private Handler connection;
    private volatile boolean awaiting;
    private long streamNumber;

    WsProxySlot(EventLoop loop, Bootstrap bootstrap, ProxyLeg leg, LoadMetrics metrics, RunState run) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.leg = leg;
        this.metrics = metrics;
        this.run = run;
        this.timing = new ProxyTiming(run);
        this.uri = URI.create("ws://" + leg.host() + ":" + leg.port() + "/v1/ws");
    }

    @Override
    public boolean inFlight() {
        return awaiting;
    }

    @Override
    public void open() {
        long n = run.claimStream();
        if (n < 0) {
            return;
        }
        streamNumber = n;
        if (connection != null && connection.ready && connection.channel.isActive()) {
            send();
            return;
        }
        Handler h = new Handler();
        connection = h;
        awaiting = true;
        bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).maxFramePayloadLength(4 << 20).handshakeTimeoutMillis(30_000).build()),
                        new WebSocketFrameAggregator(4 << 20), h);
            }
        }).connect(leg.host(), leg.port()).addListener((ChannelFuture f) -> {
            if (connection != h) {
                f.channel().close();
            } else if (!f.isSuccess()) {
                connection = null;
                awaiting = false;
                failed("connect", String.valueOf(f.cause()));
            } else {
                h.channel = f.channel();
            }
        });
    }

    @Override
    public void close() {
        Handler h = connection;
        connection = null;
        awaiting = false;
        if (h != null && h.channel != null) {
            h.channel.close();
        }
    }

    private void send() {
        awaiting = true;
        timing.requestSent();
        metrics.streamsOpened.increment();
        connection.channel.writeAndFlush(new TextWebSocketFrame(leg.wsStart("c" + streamNumber)), connection.channel.voidPromise());
    }

    private void ended() {
        awaiting = false;
        if (!run.stopping()) {
            open();
        }
    }

    private void failed(String kind, String detail) {
        awaiting = false;
        if (run.failed(kind, detail)) {
            loop.schedule(this::open, RunState.RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** One WebSocket connection's frames, passed to the slot while it is the slot's current connection. */
    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private Channel channel;
        private boolean ready;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE && connection == this) {
                channel = ctx.channel();
                ready = true;
                send();
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT && connection == this) {
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (connection != this || !(frame instanceof TextWebSocketFrame)) {
                return;
            }
            ByteBuf content = frame.content();
            switch (WsFrames.type(content)) {
                case DELTA -> timing.token(0);
                case DONE -> {
                    timing.done();
                    ended();
                }
                case ERROR, REJECTED -> {
                    timing.error(content.toString(content.readerIndex(), Math.min(512, content.readableBytes()), StandardCharsets.UTF_8));
                    ended();
                }
                default -> { } // started, start, usage, redaction
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != this) {
                return;
            }
            connection = null;
            if (awaiting) {
                failed("connection", "WebSocket closed mid-stream");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (connection == this) {
                run.failed("ws", String.valueOf(cause));
            }
            ctx.close();
        }
    }
}
