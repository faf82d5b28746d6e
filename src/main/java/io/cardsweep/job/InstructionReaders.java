package io.cardsweep.job;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.cardsweep.database.SourceDatabase;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.CsvInstructionReader;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.TableInstructionReader;
import io.cardsweep.instruction.TableSource;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The load step's reader, for a run and for {@code plan} alike: the job definition's table source if it names one, else
 * the input file, with the definition's column mapping. One reader of one name, so one restart state.
 */
final class InstructionReaders {

    private InstructionReaders() {
    }

    /** @param database where a table source is read from; asked for only when the definition names one */
    static ItemStreamReader<InstructionRow> of(JobDefinition definition, @Nullable Path input, Supplier<SourceDatabase> database) {
        ColumnMapping columns = ColumnMapping.defaults().withOverrides(definition.columns());
        TableSource table = definition.source();
        if (table != null) {
            SourceDatabase source = database.get();
            return new TableInstructionReader(table, columns, source.dataSource(), source.description(), CsvInstructionReader.DEFAULT_NAME,
                    definition.chunkSize());
        }
        if (input == null) {
            throw new IllegalStateException("A run of " + definition.name() + ", which names no table source, has no input file.");
        }
        return new CsvInstructionReader(input, columns, CsvInstructionReader.DEFAULT_NAME, definition.maxLineLength());
    }
}
