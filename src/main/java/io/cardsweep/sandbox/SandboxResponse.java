package io.cardsweep.sandbox;

/** A status and a body that the router writes as JSON. */
record SandboxResponse(int status, Object body) {
}
