/**
 * The stages between a provider and the journal: UTF-8 assembly and sequencing (framing).
 */
package dev.sluice.stream.frame;
