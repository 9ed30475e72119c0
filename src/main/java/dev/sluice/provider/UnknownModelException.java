package dev.sluice.provider;

/** The client named a model alias that is not configured. */
public class UnknownModelException extends RuntimeException {
    public UnknownModelException(String model) {
        super("The model '" + model + "' does not exist. GET /v1/models lists the models you can use.", null,
                false, false);
    }
}
