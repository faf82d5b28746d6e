package io.cardsweep.provider;

/**
 * The port: one provider's withdrawal API. Implementations send exactly one withdrawal request per call
 * (plus whatever authentication needs) and never resend a request that may have been executed.
 */
public interface WithdrawalProvider {

    ProviderName name();

    /**
     * Sends the withdrawal and classifies the answer.
     *
     * @throws ProviderFatalException when no instruction for this provider can succeed until someone fixes something
     */
    WithdrawalOutcome withdraw(WithdrawalRequest request);
}
