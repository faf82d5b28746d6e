package io.cardsweep.sandbox;

import java.util.Map;

/**
 * Plu's JSON shapes: one envelope for everything, {@code {"status","message","data"}}. On errors {@code message}
 * is the machine code and {@code data.error} the human text, which is why the adapter keys on the code.
 */
final class PluBodies {

    static final String SUCCESS_MESSAGE = "Card withdrawal successful";

    private PluBodies() {
    }

    record Envelope(String status, String message, Object data) {
    }

    record ErrorData(String error) {
    }

    /** Plu's documented success: no transaction id, no balance, an empty {@code data}. */
    static SandboxResponse withdrawn() {
        return new SandboxResponse(200, new Envelope("success", SUCCESS_MESSAGE, Map.of()));
    }

    /** A termination's success, which Plu does not document beyond its envelope: no amount, the liquidation comes later. */
    static SandboxResponse terminated() {
        return new SandboxResponse(200, new Envelope("success", "Card terminated successfully", Map.of()));
    }

    static SandboxResponse error(int status, String code, String text) {
        return new SandboxResponse(status, new Envelope("error", code, new ErrorData(text)));
    }
}
