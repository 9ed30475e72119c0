package dev.sluice.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which store holds journals, ownership, limits and sessions. */
@ConfigMapping(prefix = "sluice")
public interface StoreConfig {

    /** {@code memory} (one replica, the default) or {@code redis} (shared by every replica; see quarkus.redis.*). */
    @WithDefault("memory")
    String store();
}
