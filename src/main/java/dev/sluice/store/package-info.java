/**
 * Where state lives, chosen at run time by {@code sluice.store=memory|redis}: the selection of the
 * store's implementations, its availability and its error. Transports never reach a store directly.
 */
package dev.sluice.store;
