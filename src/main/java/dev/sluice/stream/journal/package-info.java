/**
 * The journal SPI that decouples generation from delivery, its bounds and its errors.
 */
package dev.sluice.stream.journal;
