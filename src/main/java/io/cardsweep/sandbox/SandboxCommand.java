package io.cardsweep.sandbox;

/** Placeholder until the sandbox lands: {@code cardsweep sandbox --port N --cards FILE}. */
public final class SandboxCommand {

    private SandboxCommand() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("sandbox not built yet");
    }
}
