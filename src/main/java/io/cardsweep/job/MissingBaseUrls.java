package io.cardsweep.job;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cardsweep.database.SourceDatabase;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.CsvInstructionReader;
import io.cardsweep.instruction.InputFileException;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.InstructionTable;
import io.cardsweep.instruction.TableSource;
import io.cardsweep.instruction.TableSourceException;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Providers a run has withdrawals for but no base URL to call. Where no sandbox may stand in (the prod profile), the
 * run stops on them before it loads a row; a resumed run whose rows are loaded stops on them before it sends one. The
 * sentence is the same either way, and names what to set.
 */
final class MissingBaseUrls {

    private MissingBaseUrls() {
    }

    static ProviderFatalException refusal(Collection<ProviderName> missing) {
        List<ProviderName> providers = List.copyOf(EnumSet.copyOf(missing));
        boolean one = providers.size() == 1;
        String names = joined(providers.stream().map(ProviderName::displayName).toList());
        String settings = joined(providers.stream().map(p -> "cardsweep.providers." + p.id() + ".base-url").toList());
        String variables = providers.stream().map(p -> "CARDSWEEP_PROVIDERS_" + p.name() + "_BASEURL").collect(Collectors.joining(", "));
        return new ProviderFatalException(providers.get(0), names + (one ? " has" : " have") + " no base URL, yet this run has withdrawals for "
                + (one ? "it" : "them") + ": set " + settings + " (environment variable" + (one ? " " : "s ") + variables
                + ") and run the same command again.");
    }

    /**
     * The providers that rows of {@code input} name and that are not in {@code callable}, read before any row is loaded.
     * A file the reader refuses is left to the load step, which says what is wrong with it.
     */
    static Set<ProviderName> namedIn(Path input, ColumnMapping columns, int maxLineLength, Set<ProviderName> callable) {
        Set<ProviderName> missing = EnumSet.noneOf(ProviderName.class);
        // With the load step's own line limit, so that every row it will read is looked at here too.
        CsvInstructionReader reader = new CsvInstructionReader(input, columns, "providers-named", maxLineLength);
        try {
            reader.open(new ExecutionContext());
            for (InstructionRow row = reader.read(); row != null; row = reader.read()) {
                String provider = row.value(InstructionField.PROVIDER);
                if (provider != null) {
                    addIfNotCallable(provider, callable, missing);
                }
            }
        }
        catch (InputFileException ex) {
            return missing;
        }
        finally {
            reader.close();
        }
        return missing;
    }

    /** The same for a table source; one the load step cannot read is left to it, which says what is wrong with it. */
    static Set<ProviderName> namedIn(TableSource source, ColumnMapping columns, SourceDatabase database, Set<ProviderName> callable) {
        Set<ProviderName> missing = EnumSet.noneOf(ProviderName.class);
        try {
            InstructionTable.resolve(source, columns, database.dataSource(), database.description()).providerValues()
                    .forEach(provider -> addIfNotCallable(provider, callable, missing));
        }
        catch (TableSourceException ex) {
            // the load step opens the same source and stops with this sentence
        }
        return missing;
    }

    private static void addIfNotCallable(String provider, Set<ProviderName> callable, Set<ProviderName> missing) {
        ProviderName.fromId(provider).filter(name -> !callable.contains(name)).ifPresent(missing::add);
    }

    private static String joined(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
