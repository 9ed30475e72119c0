package dev.sluice.store;

/** The selected store and whether it can take new work; readiness reports it. */
public interface StoreStatus {

    /** {@code memory} or {@code redis}. */
    String kind();

    /** Whether new streams can be started (the store answers). */
    boolean available();

    /** A short human description for readiness, never a secret (no password, no URL credentials). */
    String detail();
}
