package io.cardsweep.instruction;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Proves a file is UTF-8 text with something in it before any CSV parsing, streaming through it once.
 * A CSV parser given a PNG or a gzip reads garbage records; here such a file fails as a whole, naming the
 * first line that is not text, because bytes decoded with replacement characters could turn into
 * plausible-looking card ids or references.
 */
final class TextFileCheck {

    private static final int BUFFER = 8192;

    private TextFileCheck() {
    }

    /** Throws {@link InputFileException} unless the file exists and is non-blank UTF-8 text without NUL bytes. */
    static void requireText(Path file, ColumnMapping mapping) {
        if (!Files.exists(file)) {
            throw new InputFileException(file, "does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, "is not a file.");
        }
        boolean hasContent;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            hasContent = scan(file, in);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, "does not exist.", e);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot be read (" + e.getMessage() + ").", e);
        }
        if (!hasContent) {
            throw empty(file, mapping);
        }
    }

    static InputFileException empty(Path file, ColumnMapping mapping) {
        return new InputFileException(file, "is empty: expected a header row with "
                + String.join(", ", CsvHeader.requiredColumns(mapping)) + ".");
    }

    private static boolean scan(Path file, InputStream stream) throws IOException {
        refuseUtf16(file, stream);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        LineScan scan = new LineScan();
        boolean endOfInput = false;
        while (!endOfInput) {
            int read = stream.read(in.array(), in.position(), in.remaining());
            endOfInput = read < 0;
            if (!endOfInput) {
                in.position(in.position() + read);
            }
            in.flip();
            CoderResult result;
            do {
                result = decoder.decode(in, out, endOfInput);
                scan.accept(file, out);
                if (result.isError()) {
                    throw notText(file, scan.line);
                }
            } while (result.isOverflow());
            in.compact();
        }
        decoder.flush(out);
        scan.accept(file, out);
        return scan.hasContent;
    }

    private static InputFileException notText(Path file, long line) {
        return new InputFileException(file, "is not a CSV text file (line " + line + " is not UTF-8 text).");
    }

    /**
     * Spreadsheets offer "Unicode text", which is UTF-16; said so by name, since "not UTF-8 text" alone does not tell
     * the operator which of the save options to pick instead.
     */
    private static void refuseUtf16(Path file, InputStream stream) throws IOException {
        stream.mark(2);
        int first = stream.read();
        int second = stream.read();
        stream.reset();
        if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)) {
            throw new InputFileException(file, "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as CSV UTF-8.");
        }
    }

    /**
     * Counts lines (CRLF, LF and a lone CR each end one, as the parser reads them) and notices content in decoded
     * text; NUL is valid UTF-8 but never text.
     */
    private static final class LineScan {
        long line = 1;
        boolean afterCarriageReturn;
        boolean hasContent;

        void accept(Path file, CharBuffer out) {
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                    line++;
                } else if (c == '\0') {
                    throw new InputFileException(file, "is not a CSV text file (line " + line + " has a NUL character, which text never has).");
                } else if (!hasContent && c != '\uFEFF' && !Character.isWhitespace(c)) {
                    hasContent = true;
                }
                afterCarriageReturn = c == '\r';
            }
            out.clear();
        }
    }
}
