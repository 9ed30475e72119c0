package dev.sluice.security;

/** One configured key: its id, tenant, settings and the SHA-256 of the key (never the key). */
record ApiKey(String keyId, String tenant, byte[] sha256, KeySettings settings) {

    Principal principal() {
        return new Principal(tenant, keyId, settings);
    }
}
