package dev.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One stream slot of an HTTP leg on a bare, kept-alive Netty connection: writes the leg's
 * request (OpenAI chat completions, or Sluice's {@code POST /v1/streams}), parses the response
 * with {@link Http1ResponseParser} and its body with {@link OpenAiSseParser} or
 * {@link SseEventSplitter}, in place, then sends the next request on the same connection.
 * The same code serves the direct and the proxied legs. Runs entirely on one event loop.
 */
final class HttpProxySlot implements Http1ResponseParser.Handler, ProxySlot {

    private static final int KEPT_ERROR_BODY = 512;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ProxyLeg leg;
    private final byte[] request;
    private final LoadMetrics metrics;
    private final RunState run;
    private final ProxyTiming timing;
    private final Http1ResponseParser parser = new Http1ResponseParser(this);
    private OpenAiSseParser openAi;
    private SseEventSplitter sse;
    private Connection connection;
    private volatile boolean awaiting;
    private int status;
    private StringBuilder errorBody;

    HttpProxySlot(EventLoop loop, Bootstrap bootstrap, ProxyLeg leg, LoadMetrics metrics, RunState run) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.leg = leg;
        this.request = leg.httpRequest();
        this.metrics = metrics;
        this.run = run;
        this.timing = new ProxyTiming(run);
    }

    @Override
    public boolean inFlight() {
        return awaiting;
    }

    @Override
    public void open() {
        if (run.claimStream() < 0) {
            return;
        }
        if (connection != null && connection.channel.isActive()) {
            send();
            return;
        }
        Connection c = new Connection();
        connection = c;
        awaiting = true; // connecting counts as in flight
        bootstrap.clone().handler(c).connect(leg.host(), leg.port()).addListener((ChannelFuture f) -> {
            if (connection != c) {
                f.channel().close();
            } else if (!f.isSuccess()) {
                connection = null;
                awaiting = false;
                failed("connect", String.valueOf(f.cause()));
            } else {
                c.channel = f.channel();
                send();
            }
        });
    }

    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        awaiting = false;
        if (c != null && c.channel != null) {
            c.channel.close();
        }
    }

    private void send() {
        Channel channel = connection.channel;
        ByteBuf out = channel.alloc().buffer(request.length);
        out.writeBytes(request);
        parser.reset();
        if (leg.protocol() == ProxyLeg.Protocol.OPENAI) {
            openAi = new OpenAiSseParser(timing);
        } else {
            sse = new SseEventSplitter(timing);
        }
        status = 0;
        errorBody = null;
        awaiting = true;
        timing.requestSent();
        metrics.streamsOpened.increment();
        channel.writeAndFlush(out, channel.voidPromise());
    }

    @Override
    public void onHead(int status) {
        this.status = status;
        if (status / 100 != 2) {
            errorBody = new StringBuilder();
        }
    }

    @Override
    public void onBody(ByteBuf buffer, int index, int length) {
        if (errorBody == null) {
            if (openAi != null) {
                openAi.feed(buffer, index, length);
            } else {
                sse.feed(buffer, index, length);
            }
        } else if (errorBody.length() < KEPT_ERROR_BODY) {
            errorBody.append(buffer.toString(index, Math.min(length, KEPT_ERROR_BODY - errorBody.length()), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onEnd(boolean keepAlive) {
        awaiting = false;
        if (!keepAlive) {
            Connection c = connection;
            connection = null; // its close is expected: not reported
            if (c != null && c.channel != null) {
                c.channel.close();
            }
        }
        if (errorBody != null) {
            failed("http_" + status, errorBody.toString());
        } else if (timing.terminal()) {
            if (!run.stopping()) {
                open();
            }
        } else {
            failed("truncated", "stream ended without [DONE], done or error");
        }
    }

    private void failed(String kind, String detail) {
        if (run.failed(kind, detail)) {
            loop.schedule(this::open, RunState.RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** One TCP connection's events, passed to the slot while it is the slot's current connection. */
    private final class Connection extends ChannelInboundHandlerAdapter {

        private Channel channel;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buffer = (ByteBuf) msg;
            try {
                if (connection == this) {
                    parser.feed(buffer);
                }
            } catch (RuntimeException e) {
                connection = null;
                ctx.close();
                awaiting = false;
                failed("protocol", e.getMessage());
            } finally {
                buffer.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != this) {
                return;
            }
            connection = null;
            if (awaiting && parser.endsAtClose()) {
                onEnd(false);
            } else if (awaiting) {
                awaiting = false;
                failed("connection", "closed by the server mid-response");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // channelInactive reports it
        }
    }
}
