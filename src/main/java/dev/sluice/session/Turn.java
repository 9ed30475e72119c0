package dev.sluice.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message of a session's history, as retention allows it to be kept.
 *
 * @param role        {@code user}, {@code assistant}, … (never {@code system}: the session holds that apart)
 * @param content     the text (masked, or original under {@code full} retention for user turns); null under
 *                    {@code metadata} retention
 * @param streamId    the generation this turn belongs to
 * @param at          when it was appended, epoch milliseconds
 * @param tokens      its length in tokens (the session's tokenizer)
 * @param fingerprint HMAC-SHA256 of the original text, {@code hmac-sha256:<hex>}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Turn(String role, String content, String streamId, long at, int tokens, String fingerprint) {}
