package dev.sluice.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenAI-compatible upstream for benchmarks, on bare Netty so that it costs as little as
 * possible per byte: {@code POST /v1/chat/completions} streams {@code chat.completion.chunk}
 * SSE events in OpenAI's exact shape ({@link OpenAiChunks}) or answers a {@code chat.completion},
 * {@code GET /v1/models} lists the one model. Requests are decoded by Netty's HTTP codec;
 * responses are written as raw bytes, each token one HTTP chunk holding one SSE event, built once
 * per stream and written as a retained slice. With a delay each stream has its own timer on the
 * event loop; with delay 0 the next token is queued on the loop behind everything else.
 *
 * <pre>java -cp sluice-bench.jar dev.sluice.bench.MockUpstream --port P [--tokens 256] [--ttft-ms 0]
 *      [--delay-ms 0] [--text " tok"] [--model mock-model] [--event-loops 1]</pre>
 *
 * <p>Control: {@code POST /mock/config?tokens=&ttft_ms=&delay_ms=&text=} changes the process
 * defaults (the bench sets each workload's pacing this way, so direct and proxied requests
 * are the same bytes); {@code GET /mock/stats} counts tokens written, streams and active
 * streams, so the mock's CPU per token can be read beside {@code /proc/<pid>/stat}.
 * It listens on 127.0.0.1 only.
 */
public final class MockUpstream {

    private static final byte[] TERMINATOR = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final LongAdder tokens = new LongAdder();
    final LongAdder streams = new LongAdder();
    final LongAdder completions = new LongAdder();
    final AtomicInteger active = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final String defaultModel;
    private volatile MockSettings defaults;
    private EventLoopGroup group;
    private Channel server;

    MockUpstream(MockSettings defaults, String defaultModel) {
        this.defaults = defaults;
        this.defaultModel = defaultModel;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = CommandLineArgs.pairs(args);
        int port = CommandLineArgs.intArg(values, "port", 8090, 0, 65_535);
        int loops = CommandLineArgs.intArg(values, "event-loops", 1, 1, 64);
        MockSettings settings = new MockSettings(
                CommandLineArgs.intArg(values, "tokens", 256, 0, MockSettings.MAX_TOKENS),
                CommandLineArgs.intArg(values, "ttft-ms", 0, 0, (int) MockSettings.MAX_MS),
                CommandLineArgs.intArg(values, "delay-ms", 0, 0, (int) MockSettings.MAX_MS),
                values.getOrDefault("text", " tok"));
        MockUpstream mock = new MockUpstream(settings, values.getOrDefault("model", "mock-model"));
        int bound;
        try {
            bound = mock.start(port, loops);
        } catch (Exception e) {
            System.err.println("mock upstream: cannot listen on 127.0.0.1:" + port + ": " + e);
            System.exit(1);
            return;
        }
        System.err.printf("mock upstream on 127.0.0.1:%d, %d event loop(s), %s transport, defaults %s%n", bound, loops,
                Epoll.isAvailable() ? "epoll" : "NIO", settings.json());
        Runtime.getRuntime().addShutdownHook(new Thread(mock::stop));
    }

    /** Binds to 127.0.0.1:{@code port} (0: any free port) and returns the port. */
    int start(int port, int loops) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(loops) : new NioEventLoopGroup(loops);
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpRequestDecoder(), new HttpObjectAggregator(4 << 20), new Connection());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    void stop() {
        if (server != null) {
            server.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    MockSettings defaults() {
        return defaults;
    }

    String statsJson() {
        return String.format(Locale.ROOT, "{\"tokens\":%d,\"streams\":%d,\"completions\":%d,\"active\":%d,\"settings\":%s}",
                tokens.sum(), streams.sum(), completions.sum(), active.get(), defaults.json());
    }

    /** One client connection: requests one after another (keep-alive), at most one stream at a time. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpRequest> {

        private ChannelHandlerContext ctx;
        private Stream stream;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = !request.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            try {
                if (request.method().equals(HttpMethod.POST) && path.equals("/v1/chat/completions")) {
                    if (stream != null) {
                        reply(409, OpenAiChunks.error("a stream is running on this connection", "invalid_request_error", null), keepAlive);
                        return;
                    }
                    MockSettings settings = defaults.with(uri.parameters(), name -> request.headers().get(name));
                    chat(request, settings, keepAlive);
                } else if (request.method().equals(HttpMethod.GET) && path.equals("/v1/models")) {
                    reply(200, OpenAiChunks.models(defaultModel, 1_700_000_000L), keepAlive);
                } else if (request.method().equals(HttpMethod.GET) && path.equals("/mock/stats")) {
                    reply(200, statsJson(), keepAlive);
                } else if (request.method().equals(HttpMethod.POST) && path.equals("/mock/config")) {
                    defaults = defaults.with(uri.parameters(), name -> null);
                    reply(200, defaults.json(), keepAlive);
                } else {
                    reply(404, OpenAiChunks.error("Unknown request URL: " + request.method() + " " + path,
                            "invalid_request_error", "unknown_url"), keepAlive);
                }
            } catch (IllegalArgumentException | io.vertx.core.json.DecodeException | ClassCastException e) {
                reply(400, OpenAiChunks.error(String.valueOf(e.getMessage()), "invalid_request_error", null), keepAlive);
            }
        }

        private void chat(FullHttpRequest request, MockSettings settings, boolean keepAlive) {
            JsonObject body = new JsonObject(request.content().toString(StandardCharsets.UTF_8));
            String model = body.getString("model", defaultModel);
            JsonObject options = body.getJsonObject("stream_options");
            boolean includeUsage = options != null && options.getBoolean("include_usage", false);
            int promptTokens = promptTokens(body.getJsonArray("messages"));
            String id = String.format("chatcmpl-mock%016x", ids.incrementAndGet());
            OpenAiChunks chunks = new OpenAiChunks(id, System.currentTimeMillis() / 1000, model, includeUsage);
            if (body.getBoolean("stream", false)) {
                stream = new Stream(this, settings, chunks, promptTokens, keepAlive);
                stream.start();
            } else {
                long waitNanos = TimeUnit.MILLISECONDS.toNanos(settings.ttftMs() + settings.delayMs() * Math.max(0, settings.tokens() - 1));
                Runnable answer = () -> {
                    if (ctx.channel().isActive()) {
                        tokens.add(settings.tokens());
                        completions.increment();
                        reply(200, chunks.completion(settings.text().repeat(settings.tokens()), promptTokens, settings.tokens()), keepAlive);
                    }
                };
                if (waitNanos == 0) {
                    answer.run();
                } else {
                    ctx.executor().schedule(answer, waitNanos, TimeUnit.NANOSECONDS);
                }
            }
        }

        private void reply(int status, String json, boolean keepAlive) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\ncontent-type: application/json\r\ncontent-length: "
                    + body.length + "\r\n" + (keepAlive ? "" : "connection: close\r\n") + "\r\n";
            ByteBuf out = ctx.alloc().buffer(head.length() + body.length);
            out.writeCharSequence(head, StandardCharsets.US_ASCII);
            out.writeBytes(body);
            if (keepAlive) {
                ctx.writeAndFlush(out, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(out).addListener(f -> ctx.close());
            }
        }

        void ended(Stream s, boolean keepAlive) {
            if (stream == s) {
                stream = null;
            }
            if (!keepAlive) {
                ctx.close();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && stream != null) {
                stream.writable();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (stream != null) {
                stream.cancel();
                stream = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static int promptTokens(JsonArray messages) {
        if (messages == null) {
            return 1;
        }
        int chars = 0;
        for (Object m : messages) {
            if (m instanceof JsonObject message && message.getValue("content") instanceof String content) {
                chars += content.length();
            }
        }
        return Math.max(1, chars / 4);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Status";
        };
    }

    /** One streamed response: the head and role chunk, the tokens on their grid, the finish, usage and [DONE]. */
    private final class Stream implements Runnable {

        private final Connection connection;
        private final ChannelHandlerContext ctx;
        private final MockSettings settings;
        private final OpenAiChunks chunks;
        private final int promptTokens;
        private final boolean keepAlive;
        private final long delayNanos;
        /** One token as one HTTP chunk, built once; every write sends a retained duplicate. */
        private ByteBuf token;
        private long dueNanos;
        private int sent;
        private boolean waitingForWritable;
        private boolean over;
        private ScheduledFuture<?> timer;

        Stream(Connection connection, MockSettings settings, OpenAiChunks chunks, int promptTokens, boolean keepAlive) {
            this.connection = connection;
            this.ctx = connection.ctx;
            this.settings = settings;
            this.chunks = chunks;
            this.promptTokens = promptTokens;
            this.keepAlive = keepAlive;
            this.delayNanos = TimeUnit.MILLISECONDS.toNanos(settings.delayMs());
        }

        void start() {
            streams.increment();
            active.incrementAndGet();
            token = ctx.alloc().directBuffer();
            httpChunk(token, chunks.contentChunk(settings.text()));
            ByteBuf head = ctx.alloc().buffer(512);
            head.writeCharSequence("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
                    + "transfer-encoding: chunked\r\ncache-control: no-cache\r\nx-request-id: " + chunks.hashCode() + "\r\n"
                    + (keepAlive ? "" : "connection: close\r\n") + "\r\n", StandardCharsets.US_ASCII);
            httpChunk(head, chunks.roleChunk());
            ctx.writeAndFlush(head, ctx.voidPromise());
            if (settings.tokens() == 0) {
                finish();
                return;
            }
            long ttftNanos = TimeUnit.MILLISECONDS.toNanos(settings.ttftMs());
            dueNanos = System.nanoTime() + ttftNanos;
            after(ttftNanos);
        }

        private void after(long nanos) {
            if (nanos <= 0) {
                ctx.executor().execute(this);
            } else {
                timer = ctx.executor().schedule(this, nanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void run() {
            timer = null;
            if (over) {
                return;
            }
            if (!ctx.channel().isWritable()) {
                waitingForWritable = true;
                return;
            }
            ctx.writeAndFlush(token.retainedDuplicate(), ctx.voidPromise());
            sent++;
            tokens.increment();
            if (sent >= settings.tokens()) {
                finish();
                return;
            }
            if (delayNanos == 0) {
                ctx.executor().execute(this);
            } else {
                // the next slot of the stream's grid; a stream that fell behind is not made to burst
                long now = System.nanoTime();
                dueNanos = Math.max(dueNanos + delayNanos, now);
                after(dueNanos - now);
            }
        }

        void writable() {
            if (waitingForWritable) {
                waitingForWritable = false;
                run();
            }
        }

        private void finish() {
            ByteBuf out = ctx.alloc().buffer(1024);
            httpChunk(out, chunks.finishChunk("stop"));
            String usage = chunks.usageChunk(promptTokens, settings.tokens());
            if (usage != null) {
                httpChunk(out, usage);
            }
            httpChunk(out, OpenAiChunks.DONE);
            out.writeBytes(TERMINATOR);
            ctx.writeAndFlush(out, ctx.voidPromise());
            end();
            connection.ended(this, keepAlive);
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
            }
            end();
        }

        private void end() {
            if (!over) {
                over = true;
                active.decrementAndGet();
                token.release();
            }
        }
    }

    /** Appends {@code text} as one chunk of a chunked HTTP/1.1 body. */
    static void httpChunk(ByteBuf out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeCharSequence(Integer.toHexString(bytes.length), StandardCharsets.US_ASCII);
        out.writeByte('\r').writeByte('\n');
        out.writeBytes(bytes);
        out.writeByte('\r').writeByte('\n');
    }
}
