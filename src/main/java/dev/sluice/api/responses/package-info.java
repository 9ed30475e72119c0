/**
 * OpenAI's Responses API ({@code /v1/responses}) over the one stream core: a request mapper, a fold
 * of the journal into the response's items and its numbered events, and the routes. A stored
 * response is a Sluice session; nothing here talks to a provider or the journal by itself.
 */
package dev.sluice.api.responses;
