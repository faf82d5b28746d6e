package io.cardsweep.provider;

/**
 * A provider whose cards can be terminated through its API (Plu, Cartevo, Uncash, Nueve09; HTP documents no way to).
 * A termination moves money too — most providers refund or pay out what is left on the card as they close it — so it
 * obeys the withdrawal's rule: sent once per call, never again once it may have executed, its answer classified the
 * way the same provider's withdrawal answers are.
 */
public interface CardTerminations {

    /**
     * Sends the termination and classifies the answer.
     *
     * @throws ProviderFatalException when the provider refuses the credentials, or answers in a shape that is not its
     *         own before executing anything: no termination for this provider can succeed until someone fixes something
     */
    TerminationOutcome terminate(TerminationRequest request);
}
