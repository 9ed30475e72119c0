package dev.sluice.security;

import dev.sluice.store.redis.RedisStoreProfile;
import java.util.List;

/** {@link KeyedProfile} (keys, tenants, small limits) on the Redis store of {@link RedisStoreProfile}. */
public class RedisKeyedProfile extends KeyedProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisStoreProfile.Server.class));
    }
}
