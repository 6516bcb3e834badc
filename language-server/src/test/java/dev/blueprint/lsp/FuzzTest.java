package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.DiskSources;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.source.LineMap;
import dev.blueprint.lsp.ide.Snapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of the server over real JSON-RPC, for a time budget: random documents and mutations (deep nesting,
 * huge lines, NULs, CR and CRLF, truncations, invalid UTF-8 and oversized files on disk), random incremental edits
 * (ranges past the end, stale versions), whole-text changes, opening and closing, files changing on disk, every
 * request the server announces at random positions, and cancellations. It passes when the server never exits, every
 * request is answered (none hangs), none is an internal error nor logged as failed, and at the end the diagnostics
 * of every file equal a fresh analysis of the final texts (a new analyzer and snapshot, no cache of the server's).
 *
 * <p>{@code ./run-tests} runs it for a few seconds. A soak: {@code bench/lsp/fuzz-soak.sh [seconds] [seed]}, i.e.
 * {@code -Dfuzz.seconds=600 -Dfuzz.seed=N}; it prints the edits and requests per second it reached and the memory at
 * the end, and writes them to {@code target/lsp-fuzz.txt}.
 */
class FuzzTest {
    private static final long SECONDS = Long.getLong("fuzz.seconds", 4);
    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    /** How long any one request may take to be answered before it counts as a hang. */
    private static final long ANSWER_SECONDS = 60;

    private static final String COMMON =
            "enum Unit { PIECE, KILO }\nentity Warehouse {\n  id: long @key\n" + "  code: string(8)\n}\n";
    private static final String OTHER = "service Other { }\nentity Thing { id: uuid @key  name: string }\n"
            + "api \"/o\" { resource \"/things\" Thing }\n";

    @TempDir
    Path dir;

    private final Map<Path, String> open = new LinkedHashMap<>();
    private final Map<Path, Integer> versions = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private Random random;
    private TestClient c;
    private int edits;
    private int requests;
    private int cancelled;

    private record Pending(String what, CompletableFuture<?> answer) {}

    @Test
    void theServerSurvivesAnyWorkspaceAndAnyEdit() throws Exception {
        random = new Random(SEED);
        write("main.blueprint", "import \"common.blueprint\"\n" + StressTest.START);
        write("common.blueprint", COMMON);
        write("other.blueprint", OTHER);
        write("crlf.blueprint", OTHER.replace("Other", "Crlf").replace("\n", "\r\n"));
        write("cr.blueprint", COMMON.replace("\n", "\r"));
        write("nul.blueprint", "service N {\u0000}\n\u0000entity\u0000");
        Files.write(dir.resolve("latin1.blueprint"), new byte[] {'e', 'n', (byte) 0xE9, ' ', (byte) 0xFF, 0});
        files.add(dir.resolve("latin1.blueprint"));
        write("deep.blueprint", "service D {\n  x " + "[\n".repeat(3000));
        write("long.blueprint", "service L { version \"" + "9".repeat(20_000) + "\" }\n");

        c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        init.setCapabilities(new ClientCapabilities());
        InitializeResult initialized = c.server.initialize(init).get(30, TimeUnit.SECONDS);
        assertThat(initialized.getCapabilities().getExecuteCommandProvider().getCommands())
                .isNotEmpty();
        c.server.initialized(new InitializedParams());
        for (String name : List.of("main.blueprint", "common.blueprint", "crlf.blueprint")) {
            open(dir.resolve(name), Files.readString(dir.resolve(name)));
        }

        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
        int actions = 0;
        while (System.nanoTime() < end) {
            act();
            if (++actions % 200 == 0) {
                drain(false);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        drain(true);
        assertThat(c.exitCode).as("the server exited").isNotDone();

        assertFinalDiagnosticsAreAFreshAnalysis();
        assertThat(c.serverErr.toString()).as("the server's log").doesNotContain("failed");
        assertThat(c.messages.toString()).as("messages to the client").doesNotContain("failed");
        report(elapsed);

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
    }

    // ---- actions -------------------------------------------------------------------------------------------------

    private void act() throws IOException {
        int roll = random.nextInt(100);
        if (open.isEmpty() || roll < 3) {
            Path p = files.get(random.nextInt(files.size()));
            if (!open.containsKey(p)) {
                open(p, random.nextBoolean() ? new DiskSources().read(p).orElse("") : mutant());
            }
        } else if (roll < 6) {
            close(pick());
        } else if (roll < 9) {
            changeOnDisk();
        } else if (roll < 12) {
            replaceWhole(pick());
        } else if (roll < 60) {
            edit(pick());
        } else {
            request(pick());
        }
    }

    private Path pick() {
        List<Path> paths = new ArrayList<>(open.keySet());
        return paths.get(random.nextInt(paths.size()));
    }

    private void open(Path p, String text) {
        open.put(p, text);
        versions.put(p, 1);
        c.server
                .getTextDocumentService()
                .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(TestClient.uri(p), "blueprint", 1, text)));
    }

    private void close(Path p) {
        open.remove(p);
        c.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri(p))));
    }

    private void edit(Path p) {
        String text = open.get(p);
        LineMap lines = new LineMap(text);
        int a = unsplit(text, random.nextInt(text.length() + 1));
        int b = Math.min(text.length(), a + (random.nextInt(3) == 0 ? random.nextInt(40) : 0));
        b = Math.max(a, unsplit(text, b));
        Range range = new Range(position(lines, a), position(lines, b));
        int kind = random.nextInt(20);
        if (kind == 0) { // past the end: a line beyond the last, or a column beyond the line's end
            range = new Range(
                    position(lines, a), new Position(lines.lineCount() + random.nextInt(5), random.nextInt(1000)));
        } else if (kind == 1) {
            range = new Range(
                    new Position(lines.line(a), lines.column(a) + 500 + random.nextInt(500)),
                    new Position(lines.lineCount() + 3, 0));
        }
        String insert = text.length() > 60_000 ? "" : fragment();
        TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(range, insert);
        String after = DocumentService.apply(text, change);
        if (after.length() > 0 && Character.isLowSurrogate(after.charAt(0))) {
            return; // a range past the end may clamp into a pair; editors never split one
        }
        send(p, after, change);
    }

    private void replaceWhole(Path p) {
        send(p, mutant(), new TextDocumentContentChangeEvent(random.nextInt(10) == 0 ? "" : mutant()));
    }

    private void send(Path p, String after, TextDocumentContentChangeEvent change) {
        String text = change.getRange() == null ? change.getText() : after;
        open.put(p, text);
        int version = versions.merge(p, 1, Integer::sum);
        if (random.nextInt(20) == 0) {
            version -= 1 + random.nextInt(5); // stale: the server applies edits in the order they come
        }
        c.server
                .getTextDocumentService()
                .didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri(p), version), List.of(change)));
        edits++;
    }

    /** A file changes on disk (new text, invalid UTF-8, oversized, or deleted) and the client says so. */
    private void changeOnDisk() throws IOException {
        Path p = random.nextInt(8) == 0
                ? dir.resolve("new" + random.nextInt(4) + ".blueprint")
                : files.get(random.nextInt(files.size()));
        if (!files.contains(p)) {
            files.add(p);
        }
        FileChangeType type = FileChangeType.Changed;
        switch (random.nextInt(6)) {
            case 0 -> Files.write(p, new byte[] {'s', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFE});
            case 1 -> {
                Files.deleteIfExists(p);
                type = FileChangeType.Deleted;
            }
            case 2 -> Files.writeString(p, "\uFEFF" + mutant());
            default -> Files.writeString(p, mutant());
        }
        c.server
                .getWorkspaceService()
                .didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(new FileEvent(uri(p), type))));
    }

    /** A random text: one of the starting blueprints with a few hostile fragments put in. */
    private String mutant() {
        String[] bases = {StressTest.START, COMMON, OTHER, "", "import \"main.blueprint\"\n" + OTHER};
        StringBuilder text = new StringBuilder(bases[random.nextInt(bases.length)]);
        for (int i = random.nextInt(4); i > 0; i--) {
            int at = unsplit(text.toString(), random.nextInt(text.length() + 1));
            text.insert(at, fragment());
        }
        if (random.nextInt(10) == 0 && text.length() > 0) {
            text.setLength(unsplit(text.toString(), random.nextInt(text.length()))); // truncated
        }
        return text.toString();
    }

    private String fragment() {
        return switch (random.nextInt(40)) {
            case 0 -> "[\n".repeat(50 + random.nextInt(3000)); // deep nesting, past the bound or not
            case 1 -> "{ a ".repeat(20 + random.nextInt(100));
            case 2 -> "(".repeat(100 + random.nextInt(2000));
            case 3 -> "x".repeat(9_000 + random.nextInt(3_000)); // a huge line, around the bound
            case 4 -> "\u0000".repeat(1 + random.nextInt(3));
            case 5 -> "\r";
            case 6 -> "\r\n";
            case 7 -> "~".repeat(random.nextInt(1500)); // many errors
            default -> StressTest.FRAGMENTS[random.nextInt(StressTest.FRAGMENTS.length)];
        };
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    private void request(Path p) {
        TextDocumentService ts = c.server.getTextDocumentService();
        WorkspaceService ws = c.server.getWorkspaceService();
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri(p));
        Position at = randomPosition(open.get(p));
        Range range = new Range(randomPosition(open.get(p)), at);
        if (range.getStart().getLine() > at.getLine()) {
            range = new Range(at, range.getStart());
        }
        Range r = range;
        List<Supplier<CompletableFuture<?>>> all = List.of(
                () -> ts.completion(new CompletionParams(doc, at)),
                () -> ts.hover(new HoverParams(doc, at)),
                () -> ts.definition(new DefinitionParams(doc, at)),
                () -> ts.declaration(new DeclarationParams(doc, at)),
                () -> ts.references(new ReferenceParams(doc, at, new ReferenceContext(random.nextBoolean()))),
                () -> ts.documentHighlight(new DocumentHighlightParams(doc, at)),
                () -> ts.prepareRename(new PrepareRenameParams(doc, at)),
                () -> ts.rename(new RenameParams(doc, at, random.nextBoolean() ? "Renamed" : "not a name!")),
                () -> ts.documentSymbol(new DocumentSymbolParams(doc)),
                () -> ts.formatting(new DocumentFormattingParams(doc, new FormattingOptions(2, true))),
                () -> ts.rangeFormatting(new DocumentRangeFormattingParams(doc, new FormattingOptions(2, true), r)),
                () -> ts.foldingRange(new FoldingRangeRequestParams(doc)),
                () -> ts.selectionRange(new SelectionRangeParams(doc, List.of(at, r.getStart()))),
                () -> ts.semanticTokensFull(new SemanticTokensParams(doc)),
                () -> ts.semanticTokensFullDelta(new SemanticTokensDeltaParams(doc, "" + random.nextInt(5))),
                () -> ts.semanticTokensRange(new SemanticTokensRangeParams(doc, r)),
                () -> ts.inlayHint(new InlayHintParams(doc, r)),
                () -> ts.codeAction(new CodeActionParams(doc, r, new CodeActionContext(List.of())))
                        .thenCompose(actions -> actions == null
                                        || actions.isEmpty()
                                        || !actions.get(0).isRight()
                                ? CompletableFuture.completedFuture(null)
                                : ts.resolveCodeAction(actions.get(0).getRight())),
                () -> ts.codeLens(new CodeLensParams(doc)),
                () -> ts.documentLink(new DocumentLinkParams(doc)),
                () -> ts.signatureHelp(new SignatureHelpParams(doc, at)),
                () -> ts.prepareCallHierarchy(new CallHierarchyPrepareParams(doc, at))
                        .thenCompose(items -> items == null || items.isEmpty()
                                ? CompletableFuture.completedFuture(null)
                                : ts.callHierarchyIncomingCalls(new CallHierarchyIncomingCallsParams(items.get(0)))
                                        .thenCompose(x -> ts.callHierarchyOutgoingCalls(
                                                new CallHierarchyOutgoingCallsParams(items.get(0))))),
                () -> ts.diagnostic(new DocumentDiagnosticParams(doc)),
                () -> ws.symbol(new WorkspaceSymbolParams(random.nextBoolean() ? "" : "Cu")),
                () -> ws.executeCommand(new ExecuteCommandParams(
                        List.of("nope", ServiceCommands.GENERATE, ValidateHandler.COMMAND)
                                .get(random.nextInt(3)),
                        List.of(random.nextBoolean() ? 42 : "file:///no/such/dir/x.blueprint"))));
        int which = random.nextInt(all.size());
        CompletableFuture<?> answer = all.get(which).get();
        requests++;
        if (random.nextInt(7) == 0) {
            answer.cancel(true); // sends $/cancelRequest
            cancelled++;
        }
        pending.add(new Pending("request " + which + " on " + p.getFileName() + " at " + at, answer));
    }

    /** Every answered request must be an answer: not an internal error. With {@code all}, waits for every one. */
    private void drain(boolean all) throws InterruptedException {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (!all && !next.answer().isDone()) {
                continue;
            }
            try {
                next.answer().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            } catch (CancellationException e) {
                // cancelled by us
            } catch (TimeoutException e) {
                throw new AssertionError(next.what() + " hangs");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!(cause instanceof ResponseErrorException refused)
                        || refused.getResponseError().getCode() == ResponseErrorCode.InternalError.getValue()
                        || refused.getResponseError().getCode() == ResponseErrorCode.ParseError.getValue()) {
                    throw new AssertionError(next.what() + " failed\nserver log:\n" + c.serverErr, cause);
                }
            }
            it.remove();
        }
    }

    // ---- the final check -----------------------------------------------------------------------------------------

    private void assertFinalDiagnosticsAreAFreshAnalysis() throws Exception {
        Map<Path, String> texts = new TreeMap<>();
        DiskSources disk = new DiskSources();
        for (Path p : files) {
            disk.read(p).ifPresent(t -> texts.put(p, t));
        }
        texts.putAll(open);
        Snapshot fresh = new Snapshot(0, new Analyzer(), texts, p -> Optional.empty());
        for (Path p : texts.keySet()) {
            LineMap lines = new LineMap(texts.get(p));
            List<String> expected = fresh.diagnostics(p).stream()
                    .map(d -> d.code().id() + " " + lines.line(d.span().start()) + ":"
                            + lines.column(d.span().start()) + " " + d.message())
                    .toList();
            c.awaitDiagnostics(
                    uri(p), published -> compact(published).equals(expected), 60, p.getFileName() + ": " + expected);
        }
    }

    private static List<String> compact(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream()
                .map(d -> d.getCode().getLeft() + " " + d.getRange().getStart().getLine() + ":"
                        + d.getRange().getStart().getCharacter() + " " + d.getMessage())
                .toList();
    }

    private void report(double elapsed) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring(6).trim())
                .findFirst()
                .orElse("unknown");
        String figures = String.format(
                "seed %d, %.1f s: %d edits (%.0f/s), %d requests (%.0f/s, %d cancelled); after: heap used %d MB,"
                        + " resident %s (this JVM: server and test client)%n",
                SEED, elapsed, edits, edits / elapsed, requests, requests / elapsed, cancelled, heap >> 20, rss);
        System.out.print("lsp fuzz: " + figures);
        Files.writeString(Path.of("target", "lsp-fuzz.txt"), figures, StandardCharsets.UTF_8);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        files.add(p);
    }

    private static String uri(Path p) {
        return TestClient.uri(p);
    }

    private static Position position(LineMap lines, int offset) {
        return new Position(lines.line(offset), lines.column(offset));
    }

    private Position randomPosition(String text) {
        LineMap lines = new LineMap(text);
        if (random.nextInt(10) == 0) {
            return new Position(random.nextInt(lines.lineCount() + 10), random.nextInt(200));
        }
        return position(lines, unsplit(text, random.nextInt(text.length() + 1)));
    }

    private static int unsplit(String text, int offset) {
        return offset > 0
                        && offset < text.length()
                        && Character.isLowSurrogate(text.charAt(offset))
                        && Character.isHighSurrogate(text.charAt(offset - 1))
                ? offset - 1
                : offset;
    }
}
