package dev.sluice.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.Optional;

/**
 * The application's one jtokkit registry. A BPE vocabulary takes tens of megabytes of heap and
 * about a second to load; each lazy registry loads its own copy, so the simulator and the session
 * context budget, both on {@code o200k_base} by default, held two. Through this registry every
 * vocabulary is loaded at its first use and shared from then on (jtokkit's registry is
 * thread-safe and its encodings are immutable).
 */
public final class BpeVocabularies {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private BpeVocabularies() {}

    /** The encoding for a jtokkit name such as {@code o200k_base} (case and surrounding blanks ignored). */
    public static Optional<EncodingType> type(String name) {
        return name == null ? Optional.empty() : EncodingType.fromName(name.trim().toLowerCase(Locale.ROOT));
    }

    /** The shared vocabulary of that encoding, loaded now if it is the first use. */
    public static Encoding of(EncodingType type) {
        return REGISTRY.getEncoding(type);
    }
}
