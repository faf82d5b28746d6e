package io.cardsweep.ledger;

/** The ledger's unique key of an instruction: job definition name and the source's instruction id. */
public final class InstructionKeys {

    private InstructionKeys() {
    }

    public static String of(String jobName, String instructionId) {
        return jobName + ":" + instructionId;
    }
}
