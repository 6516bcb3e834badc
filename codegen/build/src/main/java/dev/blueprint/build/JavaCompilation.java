package dev.blueprint.build;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in-process with javac ({@code --release 17 -Xlint:all}) against the classpath the
 * toolchain runs on, which carries the runtime. Any warning is a failure: generated code must be clean.
 */
public final class JavaCompilation {

    /** The outcome: success, and every diagnostic as {@code path:line: kind: message}. */
    public record Result(boolean success, List<String> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private JavaCompilation() {}

    /**
     * Compiles {@code sources} (path under {@code src/main/java} to text) into {@code classes}.
     *
     * @param classpath the classpath to compile against, e.g. {@code System.getProperty("java.class.path")}
     */
    public static Result compile(Map<String, String> sources, Path classes, String classpath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no Java compiler: run Blueprint on a JDK, not a JRE");
        Files.createDirectories(classes);
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new Source(path, text)));
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(collector, Locale.ROOT, null)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            List<String> options = List.of(
                    "--release", "17", "-Xlint:all", "-proc:none", "-encoding", "UTF-8", "-classpath", classpath);
            boolean compiled =
                    javac.getTask(null, files, collector, options, null, units).call();
            List<String> messages = new ArrayList<>();
            boolean clean = true;
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
                messages.add(where + d.getKind().name().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
                clean &= d.getKind() == Diagnostic.Kind.NOTE || d.getKind() == Diagnostic.Kind.OTHER;
            }
            return new Result(compiled && clean, messages);
        }
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String path, String text) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
