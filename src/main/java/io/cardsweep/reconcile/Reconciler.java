package io.cardsweep.reconcile;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.logging.LogContext;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.htp.HtpProvider;
import io.cardsweep.reconcile.ReconcileLedger.Doubt;
import io.cardsweep.reconcile.ReconcileLedger.Neighbour;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles withdrawals in doubt from the providers' own records, never by sending anything: HTP's withdraw-status
 * lookup, Plu's webhook events, and for Cartevo, Uncash and Nueve09 the card's balance against the one read before the call
 * (a proposal: a balance can move for other reasons, so an operator confirms it). Orphaned IN_FLIGHT rows become
 * UNKNOWN first. A withdrawal is settled only when the record is about it beyond doubt; otherwise it is left, with why.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** How far Plu's clock and the ledger's may disagree. */
    private static final Duration CLOCK_DRIFT = Duration.ofMinutes(5);

    /** How long after a withdrawal an export must have been taken to cover it: webhooks are sent after the fact. */
    private static final Duration WEBHOOK_DELAY = Duration.ofSeconds(10);

    private final ReconcileLedger ledger;
    private final ProviderRegistry providers;

    Reconciler(ReconcileLedger ledger, ProviderRegistry providers) {
        this.ledger = ledger;
        this.providers = providers;
    }

    /** What a reconciliation did: the orphans it found, a finding per withdrawal, and the lines of the Plu export it could not read. */
    public record Result(int orphans, List<Finding> findings, List<String> pluProblems) {

        public long count(Finding.Action action) {
            return findings.stream().filter(finding -> finding.action() == action).count();
        }
    }

    /**
     * @param jobs the job definitions whose withdrawals to reconcile; empty for every job in the ledger
     * @param pluEvents an export of Plu's webhook events, or null
     * @param orphanedAfter how long an IN_FLIGHT row may sit before it is taken for orphaned even if its run looks alive
     */
    public Result reconcile(List<String> jobs, @Nullable Path pluEvents, Duration orphanedAfter) {
        int orphans = ledger.markOrphans(jobs, orphanedAfter);
        List<Finding> findings = new ArrayList<>();
        List<Doubt> doubts = ledger.unknown(jobs);
        List<Doubt> plu = new ArrayList<>();
        for (Doubt doubt : doubts) {
            Optional<ProviderName> provider = ProviderName.fromId(doubt.provider());
            if (provider.isPresent() && provider.get() == ProviderName.PLU) {
                plu.add(doubt);
            }
            else {
                try (LogContext.Scope logContext = LogContext.instruction(doubt.provider(), doubt.instructionId())) {
                    findings.add(reconcile(doubt, provider.orElse(null)));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        findings.addAll(plu(plu, jobs, pluEvents, problems));
        findings.sort(Comparator.comparingLong(finding -> finding.doubt().id()));
        findings.forEach(this::log);
        return new Result(orphans, findings, problems);
    }

    private void log(Finding finding) {
        Doubt doubt = finding.doubt();
        try (LogContext.Scope logContext = LogContext.instruction(doubt.provider(), doubt.instructionId())) {
            log.info("reconcile {} {} {}: {} {} ({})", doubt.provider(), doubt.instructionId(), CardMask.mask(doubt.cardId()), finding.action(),
                    finding.to() == null ? "" : finding.to(), finding.evidence());
        }
    }

    private Finding reconcile(Doubt doubt, @Nullable ProviderName name) {
        if (name == null || !providers.names().contains(name)) {
            return Finding.left(doubt, "no connection to " + doubt.provider() + " is configured here, so its records cannot be read");
        }
        WithdrawalProvider provider = providers.get(name);
        List<Neighbour> neighbours = ledger.neighbours(doubt);
        if (provider instanceof HtpProvider htp) {
            return htp(doubt, htp, neighbours);
        }
        if (provider instanceof CardBalances balances) {
            return byBalance(doubt, balances, neighbours);
        }
        return Finding.left(doubt, name.displayName() + " has no status lookup, webhook export or balance read to reconcile by:"
                + " check with " + name.displayName() + " and settle it with resolve");
    }

    /**
     * HTP reports a card's latest withdrawal, which may be another one: it settles this one only when it carries HTP's id
     * (owned by no other withdrawal in the ledger) and this one's amount, and no other withdrawal was ever sent from the
     * card; short of that it is a proposal at most.
     */
    private Finding htp(Doubt doubt, HtpProvider htp, List<Neighbour> neighbours) {
        Optional<String> tangle = tangle(doubt, neighbours);
        if (tangle.isPresent()) {
            return Finding.left(doubt, tangle.get());
        }
        HtpProvider.LatestWithdrawal latest = htp.latestWithdrawal(doubt.cardId());
        WithdrawalOutcome outcome = latest.outcome();
        if (outcome instanceof WithdrawalOutcome.Unknown unknown && unknown.code().equals("WITHDRAWAL_NOT_FOUND")) {
            return Finding.proposed(doubt, WithdrawalStatus.FAILED, "HTP's withdraw-status lookup finds no withdrawal from this card at all");
        }
        if (!(outcome instanceof WithdrawalOutcome.Succeeded) && !(outcome instanceof WithdrawalOutcome.Declined)) {
            return Finding.left(doubt, outcome.message());
        }
        String id = latest.withdrawalId();
        Optional<Neighbour> owner = id == null ? Optional.empty() : neighbours.stream().filter(n -> id.equals(n.transactionId())).findFirst();
        if (owner.isPresent()) {
            return owner.get().claimed() < claimed(doubt)
                    ? Finding.proposed(doubt, WithdrawalStatus.FAILED, "HTP's latest withdrawal from this card is " + id + ", instruction "
                            + owner.get().instructionId() + "'s, sent before this one: this one never reached HTP")
                    : Finding.left(doubt, "HTP's latest withdrawal from this card is instruction " + owner.get().instructionId()
                            + "'s, sent after this one, so the lookup says nothing about this one");
        }
        if (latest.amount() == null || latest.amount().compareTo(doubt.amount()) != 0) {
            return Finding.left(doubt, "HTP's latest withdrawal from this card is " + (latest.amount() == null ? "of an amount HTP does not say"
                    : "of " + latest.amount().toPlainString()) + ", not this one's " + doubt.amount().toPlainString() + ": check with HTP");
        }
        boolean succeeded = outcome instanceof WithdrawalOutcome.Succeeded;
        String evidence = "HTP's withdraw-status lookup reports the card's latest withdrawal" + (id == null ? "" : ", " + id + ",")
                + " of this amount " + (succeeded ? "SUCCESS" : "FAILED (nothing moved)");
        if (id == null || !neighbours.isEmpty()) {
            return Finding.proposed(doubt, succeeded ? WithdrawalStatus.SUCCEEDED : WithdrawalStatus.FAILED, evidence
                    + (id == null ? ", without an id to tell it apart" : ", but other withdrawals were sent from this card"));
        }
        return succeeded
                ? settled(doubt, WithdrawalStatus.SUCCEEDED, "STATUS_LOOKUP", evidence, id, ((WithdrawalOutcome.Succeeded) outcome).fee(), null)
                : settled(doubt, WithdrawalStatus.DECLINED, "STATUS_LOOKUP", evidence, null, null, null);
    }

    /**
     * The card's balance now against the one read before the call, less what later withdrawals from the card took: down by
     * the amount, it executed; unchanged, it did not; anything else, nobody can tell from the balance.
     */
    private Finding byBalance(Doubt doubt, CardBalances balances, List<Neighbour> neighbours) {
        String name = ProviderName.fromId(doubt.provider()).map(ProviderName::displayName).orElse(doubt.provider());
        if (doubt.balanceBefore() == null) {
            return Finding.left(doubt, "no card balance was recorded before the call (it could not be read then): check with " + name);
        }
        Optional<String> tangle = tangle(doubt, neighbours);
        if (tangle.isPresent()) {
            return Finding.left(doubt, tangle.get());
        }
        CardBalances.Reading now = balances.balance(doubt.cardId(), doubt.sealedCardNumber());
        if (now.balance() == null) {
            return Finding.left(doubt, name + "'s card balance could not be read now (" + now.problem() + "): reconcile again later");
        }
        BigDecimal later = neighbours.stream().filter(n -> n.status() == WithdrawalStatus.SUCCEEDED && n.claimed() > claimed(doubt))
                .map(Neighbour::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal before = doubt.balanceBefore();
        BigDecimal fell = before.subtract(now.balance()).subtract(later);
        String story = "card balance " + before.toPlainString() + " before the call, " + now.balance().toPlainString() + " now"
                + (later.signum() == 0 ? "" : " after " + later.toPlainString() + " of later withdrawals");
        if (fell.compareTo(doubt.amount()) == 0) {
            return Finding.proposed(doubt, WithdrawalStatus.SUCCEEDED, story + ": it fell by the amount, " + doubt.amount().toPlainString());
        }
        if (fell.signum() == 0) {
            return Finding.proposed(doubt, WithdrawalStatus.FAILED, story + ": unchanged, so it was not executed");
        }
        return Finding.left(doubt, story + ": it moved by " + fell.toPlainString() + ", neither the amount nor nothing; check with " + name);
    }

    /**
     * Plu's events matched by reference, card and amount against every Plu withdrawal in the ledger that one could be
     * about (other jobs' too). Withdrawals alike in all three share the events alike in all three only when there are as
     * many of each, paired in time order, none before its withdrawal. "No event" proposes FAILED only when the export was
     * read whole and reaches past the withdrawal.
     */
    private List<Finding> plu(List<Doubt> unknown, List<String> jobs, @Nullable Path file, List<String> problems) {
        List<Finding> findings = new ArrayList<>();
        if (file == null) {
            unknown.forEach(doubt -> findings.add(Finding.left(doubt,
                    "Plu is reconciled from its webhook events: give an export of them with --plu-events FILE")));
            return findings;
        }
        PluEventsFile.Contents contents = PluEventsFile.read(file);
        problems.addAll(contents.problems());
        Set<String> taken = new HashSet<>();
        Map<String, List<PluEventsFile.Event>> events = new LinkedHashMap<>();
        for (PluEventsFile.Event event : contents.events()) {
            if (taken.add(event.transactionId()) && !ledger.knowsTransaction(ProviderName.PLU.id(), event.transactionId())) {
                events.computeIfAbsent(key(event.reference(), event.cardId(), event.amount()), k -> new ArrayList<>()).add(event);
            }
        }
        Set<Long> unknownIds = new HashSet<>();
        unknown.forEach(doubt -> unknownIds.add(doubt.id()));
        // The withdrawals this reconciliation acts on: the jobs' Plu withdrawals in doubt, and their SUCCEEDED ones that
        // still lack Plu's transaction id.
        Set<Long> wanted = new HashSet<>(unknownIds);
        Map<String, List<Doubt>> rows = new LinkedHashMap<>();
        for (Doubt doubt : ledger.pluCandidates()) {
            if (doubt.status() == WithdrawalStatus.SUCCEEDED && (jobs.isEmpty() || jobs.contains(doubt.jobName()))) {
                wanted.add(doubt.id());
            }
            rows.computeIfAbsent(key(doubt.reference(), doubt.cardId(), doubt.amount()), k -> new ArrayList<>()).add(doubt);
        }
        rows.forEach((key, alike) -> {
            List<PluEventsFile.Event> matching = new ArrayList<>(events.getOrDefault(key, List.of()));
            alike.sort(Comparator.comparingLong(Reconciler::claimed));
            matching.sort(Comparator.comparing(event -> event.timestamp() == null ? Instant.MIN : event.timestamp()));
            if (!matching.isEmpty() && matching.size() == alike.size() && inTimeOrder(alike, matching)) {
                for (int i = 0; i < alike.size(); i++) {
                    if (wanted.contains(alike.get(i).id())) {
                        findings.add(pluEvent(alike.get(i), matching.get(i), file));
                    }
                }
                return;
            }
            for (Doubt doubt : alike) {
                if (unknownIds.contains(doubt.id())) {
                    findings.add(matching.isEmpty() ? noEvent(doubt, contents, file)
                            : Finding.left(doubt, matching.size() + " events in " + file.getFileName() + " match " + alike.size()
                                    + " withdrawals with reference " + doubt.reference() + ", card and amount alike: settle them by hand"));
                }
            }
        });
        return findings;
    }

    /** Webhooks come after the withdrawal: an event dated more than a clock's drift before its withdrawal's claim is not its. */
    private static boolean inTimeOrder(List<Doubt> rows, List<PluEventsFile.Event> events) {
        for (int i = 0; i < rows.size(); i++) {
            Instant claimedAt = rows.get(i).claimedAt();
            Instant at = events.get(i).timestamp();
            if (claimedAt != null && at != null && at.isBefore(claimedAt.minus(CLOCK_DRIFT))) {
                return false;
            }
        }
        return true;
    }

    /** When the export was taken: its file's last change, or its latest event if that is later. */
    private static Instant coveredUntil(PluEventsFile.Contents contents, Path file) {
        Instant written;
        try {
            written = java.nio.file.Files.getLastModifiedTime(file).toInstant();
        }
        catch (java.io.IOException ex) {
            written = Instant.MIN;
        }
        Instant latest = contents.latest().orElse(Instant.MIN);
        return latest.isAfter(written) ? latest : written;
    }

    private static Finding noEvent(Doubt doubt, PluEventsFile.Contents contents, Path file) {
        String missing = "no card-withdrawal event with reference " + doubt.reference() + " for this card and amount in " + file.getFileName();
        if (!contents.problems().isEmpty()) {
            return Finding.left(doubt, missing + ", which has lines that could not be read: fix or re-export it");
        }
        Instant covers = coveredUntil(contents, file);
        if (doubt.claimedAt() == null || covers.isBefore(doubt.claimedAt().plus(WEBHOOK_DELAY))) {
            return Finding.left(doubt, missing + ", which was taken too soon after the withdrawal to show it (" + covers
                    + "): export the events again later");
        }
        return Finding.proposed(doubt, WithdrawalStatus.FAILED, missing + ", taken at " + covers
                + ", after the withdrawal's webhook was due: Plu did not execute it");
    }

    private Finding pluEvent(Doubt doubt, PluEventsFile.Event event, Path file) {
        String evidence = "Plu's webhook event " + event.transactionId() + " (" + file.getFileName() + " line " + event.line() + ")";
        if (ledger.confirm(doubt.id(), event.transactionId(), event.fee(), event.netAmount(), "confirmed by " + evidence)) {
            return new Finding(doubt, Finding.Action.CONFIRMED, WithdrawalStatus.SUCCEEDED, evidence);
        }
        return settled(doubt, WithdrawalStatus.SUCCEEDED, "WEBHOOK_EVENT", "executed: " + evidence, event.transactionId(), event.fee(),
                event.netAmount());
    }

    private Finding settled(Doubt doubt, WithdrawalStatus to, String code, String evidence, @Nullable String transactionId,
            @Nullable BigDecimal fee, @Nullable BigDecimal netAmount) {
        if (ledger.settle(doubt.id(), to, code, evidence, transactionId, fee, netAmount)) {
            return Finding.resolved(doubt, to, evidence);
        }
        return Finding.left(doubt, "it was settled by someone else meanwhile");
    }

    /** Another withdrawal from the card that clouds the record: one in doubt too, or one in flight at the same moment. */
    private static Optional<String> tangle(Doubt doubt, List<Neighbour> neighbours) {
        for (Neighbour other : neighbours) {
            if (other.inDoubt()) {
                return Optional.of("instruction " + other.instructionId() + " from the same card is in doubt too: settle them together by hand");
            }
            if (other.claimed() < claimed(doubt) && (other.settled() == null || other.settled() > claimed(doubt))) {
                return Optional.of("instruction " + other.instructionId() + " was being sent from the same card at the same moment");
            }
        }
        return Optional.empty();
    }

    private static long claimed(Doubt doubt) {
        return doubt.claimed() == null ? Long.MAX_VALUE : doubt.claimed();
    }

    private static String key(@Nullable String reference, String cardId, BigDecimal amount) {
        return reference + "\u0000" + cardId + "\u0000" + amount.stripTrailingZeros().toPlainString();
    }
}
