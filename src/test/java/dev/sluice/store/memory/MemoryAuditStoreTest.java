package dev.sluice.store.memory;

import dev.sluice.audit.AuditStore;
import dev.sluice.store.AuditStoreContract;

class MemoryAuditStoreTest extends AuditStoreContract {

    private final MemoryAuditStore store = new MemoryAuditStore();

    @Override
    protected AuditStore store() {
        return store;
    }
}
