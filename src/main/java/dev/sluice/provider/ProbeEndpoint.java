package dev.sluice.provider;

import java.util.Map;

/**
 * Where and how to GET a provider's models endpoint to see whether the upstream answers: the
 * absolute URL and the headers (authentication included). {@link #toString()} never shows
 * header values, which hold keys.
 */
public record ProbeEndpoint(String url, Map<String, String> headers) {

    public ProbeEndpoint {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "ProbeEndpoint[url=" + url + ", headers=" + headers.keySet() + "]";
    }
}
