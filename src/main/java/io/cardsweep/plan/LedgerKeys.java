package io.cardsweep.plan;

import java.util.List;
import java.util.Set;

/** A read-only look at the ledger: which instruction keys an earlier run already loaded, and a run would find DUPLICATE. */
@FunctionalInterface
public interface LedgerKeys {

    /** For a plan that cannot look at the ledger: no key counts as loaded before. */
    LedgerKeys NOT_CHECKED = keys -> Set.of();

    /** Those of {@code instructionKeys} that rows of the ledger hold. */
    Set<String> heldAmong(List<String> instructionKeys);
}
