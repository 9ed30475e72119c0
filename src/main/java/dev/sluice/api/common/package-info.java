/**
 * What every transport shares: request decoding into typed fields, the OpenAI-shaped error, the event JSON, input limits. Transport code only; no generation logic.
 */
package dev.sluice.api.common;
