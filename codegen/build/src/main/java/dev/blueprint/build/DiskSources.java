package dev.blueprint.build;

import dev.blueprint.lang.source.SourceProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sources from the file system, strictly UTF-8; remembers why a file could not be read. */
public final class DiskSources implements SourceProvider {
    private final Map<Path, String> problems = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                problems.put(path, "is a directory");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
            return Optional.of(decode(bytes));
        } catch (CharacterCodingException e) {
            problems.put(path, "is not valid UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            problems.put(path, Files.exists(path) ? "cannot be read" : "does not exist");
            return Optional.empty();
        }
    }

    /** Why {@code path} could not be read, if it could not. */
    public Optional<String> problem(Path path) {
        return Optional.ofNullable(problems.get(path));
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
