package dev.blueprint.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes generated files under a directory, creating folders; files not generated are left alone. */
public final class ProjectWriter {

    private ProjectWriter() {}

    public static void write(Map<String, String> files, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey()).normalize();
            if (!target.startsWith(root))
                throw new IOException("refusing to write outside " + root + ": " + file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
