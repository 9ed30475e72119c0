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
 * One of the C concurrent streams on a bare Netty connection ({@code --client netty}, the
 * default): writes {@code POST /v1/streams} itself, parses the response with
 * {@link Http1ResponseParser} and splits its body into events in place, then sends the next
 * request on the same connection. The generator shares the two cores with the server it
 * measures, so its own cost per token is taken from the server's headroom; this path has no
 * HTTP client stack (request and response objects, inbound queue, a buffer per chunk) between
 * the socket and the timing. Runs entirely on one event loop.
 */
final class NettyStreamSlot implements Http1ResponseParser.Handler {

    private static final int KEPT_ERROR_BODY = 512;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final BenchOptions options;
    private final LoadMetrics metrics;
    private final RunState run;
    private final StreamTiming timing;
    private final byte[] head;
    private final Http1ResponseParser parser = new Http1ResponseParser(this);
    private SseEventSplitter splitter;
    private Connection connection;
    /** A request was sent and its response has not ended. */
    private boolean awaiting;
    private int status;
    private boolean counted;
    private StringBuilder errorBody;

    NettyStreamSlot(EventLoop loop, Bootstrap bootstrap, BenchOptions options, LoadMetrics metrics, RunState run) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.options = options;
        this.metrics = metrics;
        this.run = run;
        this.timing = new StreamTiming(run);
        this.head = ("POST /v1/streams HTTP/1.1\r\nHost: " + options.target().getRawAuthority()
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Opens the next stream: on the kept-alive connection, else on a new one. On the slot's loop. */
    void open() {
        long streamNumber = run.claimStream();
        if (streamNumber < 0) {
            return;
        }
        if (connection != null && connection.channel.isActive()) {
            send(streamNumber);
            return;
        }
        Connection c = new Connection();
        connection = c;
        bootstrap.clone().handler(c).connect(options.host(), options.target().getPort()).addListener((ChannelFuture f) -> {
            if (connection != c) {
                f.channel().close();
            } else if (!f.isSuccess()) {
                connection = null;
                failed("connect", String.valueOf(f.cause()));
            } else {
                c.channel = f.channel();
                send(streamNumber);
            }
        });
    }

    /** Ends the stream in flight without counting it as an error (the run is over). */
    void close() {
        Connection c = connection;
        if (c != null && c.channel != null) {
            c.channel.close();
        }
    }

    private void send(long streamNumber) {
        byte[] body = options.requestBody(streamNumber).getBytes(StandardCharsets.UTF_8);
        byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Channel channel = connection.channel;
        ByteBuf request = channel.alloc().buffer(head.length + length.length + body.length);
        request.writeBytes(head).writeBytes(length).writeBytes(body);
        parser.reset();
        splitter = new SseEventSplitter(timing);
        status = 0;
        errorBody = null;
        awaiting = true;
        timing.requestSent();
        metrics.streamsOpened.increment();
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void onHead(int status) {
        this.status = status;
        if (status / 100 == 2) {
            counted = true;
            metrics.openStreams.increment();
        } else {
            errorBody = new StringBuilder();
        }
    }

    @Override
    public void onBody(ByteBuf buffer, int index, int length) {
        if (errorBody == null) {
            splitter.feed(buffer, index, length);
        } else if (errorBody.length() < KEPT_ERROR_BODY) {
            errorBody.append(buffer.toString(index, Math.min(length, KEPT_ERROR_BODY - errorBody.length()),
                    StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onEnd(boolean keepAlive) {
        awaiting = false;
        uncount();
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
            failed("truncated", "stream ended without done or error");
        }
    }

    private void uncount() {
        if (counted) {
            counted = false;
            metrics.openStreams.decrement();
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
                uncount();
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
                uncount();
                failed("connection", "closed by the server mid-response");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // channelInactive reports it
        }
    }
}
