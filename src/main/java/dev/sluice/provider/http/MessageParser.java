package dev.sluice.provider.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One JSON parser for all the messages of one upstream stream, read from their UTF-8 bytes.
 *
 * <p>Why: a streaming upstream sends one small JSON object per token, and a fresh Jackson parser
 * per message (its contexts, buffers, symbol table and, for a String, a copy of the text as chars)
 * was the largest allocation on the proxy path, ahead of the text itself. Jackson's non-blocking
 * parser is fed message after message and keeps its contexts and buffers; each message is fed
 * whole, so within one every token is available and the adapter reads it as from any parser.
 * A message that ends early, or has anything after its value, fails as malformed.
 * Not thread-safe: one stream's messages arrive in order on one thread.
 */
public final class MessageParser implements AutoCloseable {

    private static final byte[] SEPARATOR = {' '};

    private final String provider;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;

    public MessageParser(String provider) {
        this.provider = provider;
        this.parser = UpstreamJson.nonBlockingParser();
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Starts the next message, {@code bytes[from, to)}; read it with {@link #next()}. */
    public JsonParser start(byte[] bytes, int from, int to) throws IOException {
        feeder.feedInput(bytes, from, to);
        return parser;
    }

    /** The next token of the current message; a message cut short is malformed. */
    public JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE || token == null) {
            throw UpstreamErrors.badResponse(provider, "incomplete JSON in the stream");
        }
        return token;
    }

    /** The value at the current token as a tree (the rare parts of a message). */
    public JsonNode tree() throws IOException {
        return UpstreamJson.tree(parser);
    }

    /** After the message's value was read: nothing else may follow it in the message. */
    public void finishMessage() throws IOException {
        if (parser.nextToken() != JsonToken.NOT_AVAILABLE) {
            throw UpstreamErrors.badResponse(provider, "text after the JSON value in the stream");
        }
        // A scalar at the end (`{} 1`) waits for a delimiter before it is a token: give it one.
        feeder.feedInput(SEPARATOR, 0, 1);
        if (parser.nextToken() != JsonToken.NOT_AVAILABLE) {
            throw UpstreamErrors.badResponse(provider, "text after the JSON value in the stream");
        }
    }

    /** Releases the parser's buffers and keeps the field names it learnt for the next stream's parser. */
    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // a byte-array parser holds no resource that can fail to close
        }
    }
}
