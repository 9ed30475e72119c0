package dev.sluice.store.memory;

import dev.sluice.session.SessionStore;
import dev.sluice.store.SessionStoreContract;

class MemorySessionStoreTest extends SessionStoreContract {

    private final MemorySessionStore store = new MemorySessionStore();

    @Override
    protected SessionStore store() {
        return store;
    }
}
