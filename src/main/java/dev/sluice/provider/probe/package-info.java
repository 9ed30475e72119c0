/**
 * The optional periodic probe of each provider's models endpoint ({@code
 * sluice.providers.<name>.probe.*}), whose last result readiness reports.
 */
package dev.sluice.provider.probe;
