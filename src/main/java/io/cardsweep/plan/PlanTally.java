package io.cardsweep.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.ledger.InstructionKeys;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * Adds up screened rows as the load step would load them, in memory that does not grow with the rows: counts and sums
 * per provider, refusals by reason with their first example, for a provider with a cooldown how many instructions
 * each card has, and in a job that terminates its cards how many cards there are (as {@link Fingerprints}). Like the
 * ledger, it refuses an instruction id a row of the file already used ({@code INSTRUCTION_ID_REPEATED}) and one an
 * earlier run loaded (DUPLICATE), the latter looked up in batches.
 */
public final class PlanTally {

    static final String INVALID_PROVIDER = "(invalid)";
    static final int LEDGER_BATCH = 1000;

    private final String jobName;
    private final Map<ProviderName, ProviderPace> paces;
    private final boolean terminates;
    private final LedgerKeys ledger;
    /** The line of the accepted row that holds each instruction id. */
    private final Fingerprints holders = new Fingerprints();
    private final Map<String, Counts> counts = new TreeMap<>(Comparator.comparing((String p) -> p.startsWith("(")).thenComparing(p -> p));
    private final Map<String, Plan.Reasons> reasons = new LinkedHashMap<>();
    private final Set<ProviderName> named = EnumSet.noneOf(ProviderName.class);
    private final List<Instruction> unchecked = new ArrayList<>();
    private long rows;

    /**
     * @param paces the run's providers and their limits: a cooldown decides how instructions are counted per card
     * @param terminates whether the job terminates its cards, each once: then cards are counted too
     * @param ledger which instruction keys earlier runs loaded
     */
    public PlanTally(String jobName, Map<ProviderName, ProviderPace> paces, boolean terminates, LedgerKeys ledger) {
        this.jobName = jobName;
        this.paces = Map.copyOf(paces);
        this.terminates = terminates;
        this.ledger = ledger;
    }

    public void add(Screening screening) {
        rows++;
        if (screening instanceof Screening.Rejected rejected) {
            String provider = rejected.row().value(InstructionField.PROVIDER);
            ProviderName.fromId(provider == null ? "" : provider).ifPresent(named::add);
            String label = provider == null ? INVALID_PROVIDER : ProviderName.fromId(provider).map(ProviderName::id).orElse(INVALID_PROVIDER);
            refuse(label, rejected.code(), false, rejected.reason());
            return;
        }
        Instruction instruction = ((Screening.Accepted) screening).instruction();
        named.add(instruction.provider());
        unchecked.add(instruction);
        if (unchecked.size() >= LEDGER_BATCH) {
            check();
        }
    }

    public Plan finish() {
        check();
        List<Plan.Line> lines = new ArrayList<>();
        Map<ProviderName, Workload> workloads = new EnumMap<>(ProviderName.class);
        counts.forEach((provider, c) -> {
            lines.add(new Plan.Line(provider, c.accepted, c.amounts, c.fullBalances, c.rejected, c.duplicates));
            ProviderName.fromId(provider).filter(name -> c.accepted > 0)
                    .ifPresent(name -> workloads.put(name, new Workload(c.accepted, c.fullBalances,
                            c.cooldownKeys == null ? new TreeMap<>() : c.cooldownKeys.histogram(), c.cards == null ? 0 : c.cards.size())));
        });
        List<Plan.Reasons> sorted = reasons.values().stream().sorted(Comparator.comparing((Plan.Reasons r) -> r.provider().startsWith("("))
                .thenComparing(Plan.Reasons::provider).thenComparing(Plan.Reasons::code)).toList();
        return new Plan(rows, lines, sorted, workloads, named);
    }

    /** In line order, so that of two rows with one instruction id the earlier keeps it, as in the ledger. */
    private void check() {
        if (unchecked.isEmpty()) {
            return;
        }
        Set<String> loaded = ledger.heldAmong(unchecked.stream().map(i -> InstructionKeys.of(jobName, i.instructionId())).toList());
        for (Instruction instruction : unchecked) {
            String provider = instruction.provider().id();
            String id = instruction.instructionId();
            int holder = holders.get(id);
            if (loaded.contains(InstructionKeys.of(jobName, id))) {
                refuse(provider, "ALREADY_LOADED", true, "line %d: instruction_id '%s' was already loaded by an earlier run; only that run may execute it"
                        .formatted(instruction.line(), id));
            }
            else if (holder != 0) {
                refuse(provider, "INSTRUCTION_ID_REPEATED", false, "line %d: instruction_id '%s' repeats line %d of this file; only the first is executed"
                        .formatted(instruction.line(), id, holder));
            }
            else {
                holders.put(id, (int) Math.min(instruction.line(), Integer.MAX_VALUE));
                countsOf(provider).accept(instruction, paces.get(instruction.provider()), terminates);
            }
        }
        unchecked.clear();
    }

    private void refuse(String provider, String code, boolean duplicate, String reason) {
        Counts c = countsOf(provider);
        if (duplicate) {
            c.duplicates++;
        }
        else {
            c.rejected++;
        }
        reasons.merge(provider + " " + code, new Plan.Reasons(provider, code, duplicate, 1, CardMask.redactCardNumbers(reason)),
                (first, next) -> new Plan.Reasons(provider, code, duplicate, first.count() + 1, first.example()));
    }

    private Counts countsOf(String provider) {
        return counts.computeIfAbsent(provider, p -> new Counts());
    }

    /** One provider's rows so far. */
    private static final class Counts {

        long accepted;
        long fullBalances;
        long rejected;
        long duplicates;
        final Map<String, BigDecimal> amounts = new TreeMap<>();
        /** Instructions per card, or per account, that one cooldown holds apart. */
        @Nullable Fingerprints cooldownKeys;
        /** Instructions per card, each card terminated once; the same table as the cooldown's where that is kept per card. */
        @Nullable Fingerprints cards;

        void accept(Instruction instruction, @Nullable ProviderPace pace, boolean terminates) {
            accepted++;
            if (instruction.amount() == null) {
                fullBalances++;
            }
            else {
                amounts.merge(instruction.currency(), instruction.amount(), BigDecimal::add);
            }
            boolean cooldown = pace != null && pace.cooldown() != null;
            if (cooldown && cooldownKeys == null) {
                cooldownKeys = new Fingerprints();
            }
            if (terminates && cards == null) {
                cards = cooldown && !pace.cooldownPerAccount() ? cooldownKeys : new Fingerprints();
            }
            String card = cardAsTheLedgerKeepsIt(instruction);
            if (cooldown) {
                cooldownKeys.increment(pace.cooldownPerAccount() ? "account" : card);
            }
            if (cards != null && cards != cooldownKeys) {
                cards.increment(card);
            }
        }

        /** A card number is kept masked, and its cooldown with it: counted the same way, the number never held. */
        private static String cardAsTheLedgerKeepsIt(Instruction instruction) {
            String card = instruction.cardId();
            return instruction.provider() == ProviderName.NUEVE09 && CardNumberProtection.isCardNumber(card) ? CardMask.mask(card) : card;
        }
    }
}
