package dev.blueprint.lang.naming;

import java.nio.file.Path;

/** Which files are blueprints: the one statement of the {@code .blueprint} suffix (a name check, no I/O). */
public final class BlueprintFiles {

    /** The suffix of a blueprint's file name. */
    public static final String SUFFIX = ".blueprint";

    private BlueprintFiles() {}

    /** Whether {@code file}'s name ends in {@link #SUFFIX}. */
    public static boolean isBlueprint(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(SUFFIX);
    }
}
