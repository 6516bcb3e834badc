package dev.blueprint.lang.syntax;

/**
 * The bounds every input is held to, so that no text, however large or strange, makes the tools
 * recurse, allocate or report without end. A file past one of them is not analysed: it gets one
 * diagnostic saying which bound it passed ({@code BP0002}–{@code BP0004}), and the rest of its
 * program, and of the workspace, is analysed as usual.
 */
public final class Limits {
    private Limits() {}

    /**
     * How many blocks, lists and parentheses may be open at once. Every stage that walks the model
     * recurses at most this deep (a few frames per level), which any thread's stack holds.
     */
    public static final int MAX_DEPTH = 64;

    /** The most characters (UTF-16 units) a file may hold. */
    public static final int MAX_FILE_CHARS = 2_000_000;

    /** The most characters (UTF-16 units) one line may hold. */
    public static final int MAX_LINE_CHARS = 10_000;

    /** The most diagnostics reported for one file; one more says how many were left out. */
    public static final int MAX_DIAGNOSTICS_PER_FILE = 1_000;
}
