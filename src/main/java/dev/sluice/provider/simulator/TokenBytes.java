package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The raw bytes of single tokens, decoded once and shared: jtokkit's decode goes through a map
 * lookup and a copy per call, which at thousands of streams is most of the simulator's cost
 * per token. The arrays handed out are never written after they are cached.
 */
final class TokenBytes {

    /** Covers o200k_base and cl100k_base; larger ids are decoded without caching. */
    private static final int CACHED_IDS = 1 << 18;

    private final Encoding encoding;
    private final AtomicReferenceArray<byte[]> cache = new AtomicReferenceArray<>(CACHED_IDS);

    TokenBytes(Encoding encoding) {
        this.encoding = encoding;
    }

    byte[] of(int token) {
        if (token < 0 || token >= CACHED_IDS) {
            return decode(token);
        }
        byte[] bytes = cache.get(token);
        if (bytes == null) {
            bytes = decode(token);
            cache.lazySet(token, bytes);
        }
        return bytes;
    }

    private byte[] decode(int token) {
        IntArrayList single = new IntArrayList(1);
        single.add(token);
        return encoding.decodeBytes(single);
    }

    /** The vocabulary these tokens come from. */
    Encoding encoding() {
        return encoding;
    }
}
