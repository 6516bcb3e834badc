package dev.blueprint.lsp;

import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.CallHierarchy;
import dev.blueprint.lsp.ide.CodeActions;
import dev.blueprint.lsp.ide.Completion;
import dev.blueprint.lsp.ide.DocumentLinks;
import dev.blueprint.lsp.ide.FileContext;
import dev.blueprint.lsp.ide.Hover;
import dev.blueprint.lsp.ide.InlayHints;
import dev.blueprint.lsp.ide.Navigation;
import dev.blueprint.lsp.ide.SemanticTokens;
import dev.blueprint.lsp.ide.SignatureHelp;
import dev.blueprint.lsp.ide.Snapshot;
import dev.blueprint.lsp.ide.Structure;
import dev.blueprint.lsp.ide.Symbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The text document handlers: each converts from the protocol, asks the IDE layer, converts back. */
final class DocumentService implements TextDocumentService {
    private final BlueprintServer server;

    DocumentService(BlueprintServer server) {
        this.server = server;
    }

    // ---- synchronization -----------------------------------------------------------------

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        BlueprintServer.toPath(params.getTextDocument().getUri()).ifPresent(p -> {
            server.remember(p, params.getTextDocument().getUri());
            server.workspace.open(p, params.getTextDocument().getText());
            server.scheduleDiagnostics(0);
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Optional<Path> path = BlueprintServer.toPath(params.getTextDocument().getUri());
        if (path.isEmpty()) {
            return;
        }
        try {
            String text = server.workspace.openText(path.get()).orElse("");
            for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
                text = apply(text, change);
            }
            server.workspace.change(path.get(), text);
        } catch (RuntimeException e) {
            server.logError("applying an edit to " + path.get(), e);
        }
        server.scheduleDiagnostics(BlueprintServer.DEBOUNCE_MS);
    }

    /** Applies one change: a whole-text replacement, or a range replacement (incremental sync). */
    static String apply(String text, TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return change.getText();
        }
        Span span = new Positions(text).span(change.getRange());
        return text.substring(0, span.start()) + change.getText() + text.substring(span.end());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        lastTokens.remove(params.getTextDocument().getUri());
        BlueprintServer.toPath(params.getTextDocument().getUri()).ifPresent(p -> {
            server.workspace.close(p);
            server.scheduleDiagnostics(0);
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the open text is already current
    }

    // ---- helpers -------------------------------------------------------------------------

    private <T> CompletableFuture<T> onFile(
            String what, TextDocumentIdentifier doc, Supplier<T> empty, BiFunction<FileContext, Positions, T> work) {
        return server.request(what + " " + doc.getUri(), empty, snap -> {
            Optional<Path> p = BlueprintServer.toPath(doc.getUri());
            if (p.isEmpty()) {
                return empty.get();
            }
            Optional<FileContext> ctx = snap.context(p.get());
            if (ctx.isEmpty()) {
                return empty.get();
            }
            return work.apply(
                    ctx.get(), new Positions(ctx.get().file().lines(), ctx.get().text()));
        });
    }

    private Location location(Snapshot snap, Navigation.Location l) {
        Positions pos = new Positions(
                snap.text(l.file()).or(() -> Workspace.readBlueprint(l.file())).orElse(""));
        return new Location(server.uriOf(l.file()), pos.range(l.span()));
    }

    // ---- features ------------------------------------------------------------------------

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return onFile(
                "completion",
                params.getTextDocument(),
                () -> Either.forRight(new CompletionList(List.of())),
                (ctx, pos) -> {
                    List<Completion.Item> items = Completion.complete(ctx, pos.offset(params.getPosition()));
                    List<CompletionItem> out = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        out.add(Convert.completion(items.get(i), pos, i));
                    }
                    // a full list means later typing only narrows it; a capped one must be asked for again
                    return Either.forRight(new CompletionList(out.size() >= Completion.LIMIT, out));
                });
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.Hover> hover(HoverParams params) {
        return onFile(
                "hover",
                params.getTextDocument(),
                () -> null,
                (ctx, pos) -> Hover.hover(ctx, pos.offset(params.getPosition()))
                        .map(h -> new org.eclipse.lsp4j.Hover(
                                new MarkupContent(MarkupKind.MARKDOWN, h.markdown()), pos.range(h.span())))
                        .orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return definitionAt("definition", params.getTextDocument(), params.getPosition());
    }

    /** A declaration is its definition: every name is declared once, where it is defined. */
    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> declaration(
            DeclarationParams params) {
        return definitionAt("declaration", params.getTextDocument(), params.getPosition());
    }

    private CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definitionAt(
            String request, TextDocumentIdentifier document, Position position) {
        return onFile(
                request,
                document,
                () -> Either.forLeft(List.of()),
                (ctx, pos) -> Either.forLeft(Navigation.definition(ctx, pos.offset(position)).stream()
                        .map(l -> location(ctx.snapshot(), l))
                        .toList()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return onFile(
                "references",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> Navigation.references(ctx, pos.offset(params.getPosition()), decl).stream()
                        .map(l -> location(ctx.snapshot(), l))
                        .toList());
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return onFile(
                "highlight",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> Navigation.highlights(ctx, pos.offset(params.getPosition())).stream()
                        .map(s -> new DocumentHighlight(pos.range(s), DocumentHighlightKind.Text))
                        .toList());
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return onFile(
                "prepareRename",
                params.getTextDocument(),
                () -> null,
                (ctx, pos) -> Navigation.prepareRename(ctx, pos.offset(params.getPosition()))
                        .map(s -> Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst(
                                pos.range(s)))
                        .orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return onFile("rename", params.getTextDocument(), () -> null, (ctx, pos) -> {
            Navigation.Rename r = Navigation.rename(ctx, pos.offset(params.getPosition()), params.getNewName());
            if (r.error() != null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, r.error(), null));
            }
            Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
            for (Navigation.Location l : r.edits()) {
                changes.computeIfAbsent(server.uriOf(l.file()), k -> new ArrayList<>())
                        .add(new TextEdit(location(ctx.snapshot(), l).getRange(), r.newName()));
            }
            return new WorkspaceEdit(changes);
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return onFile("documentSymbol", params.getTextDocument(), List::of, (ctx, pos) -> {
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            for (Symbols.Outline o : Symbols.outline(ctx.file())) {
                out.add(Either.forRight(documentSymbol(o, pos)));
            }
            return out;
        });
    }

    private static DocumentSymbol documentSymbol(Symbols.Outline o, Positions pos) {
        DocumentSymbol s = new DocumentSymbol(
                o.name(),
                Convert.symbolKind(o.kind()),
                pos.range(o.span()),
                pos.range(o.span().covers(o.selection()) ? o.selection() : o.span()),
                o.detail());
        s.setChildren(o.children().stream().map(c -> documentSymbol(c, pos)).toList());
        return s;
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return formatWholeFile("formatting", params.getTextDocument());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        // the canonical layout is a property of the whole file: formatting a range formats the file
        return formatWholeFile("rangeFormatting", params.getTextDocument());
    }

    /** One edit that replaces the file with its canonical layout; none when it has syntax errors or is formatted. */
    private CompletableFuture<List<? extends TextEdit>> formatWholeFile(
            String request, TextDocumentIdentifier document) {
        return onFile(
                request,
                document,
                List::of,
                (ctx, pos) -> Structure.format(ctx.file())
                        .map(t -> List.of(
                                new TextEdit(pos.range(new Span(0, ctx.text().length())), t)))
                        .orElse(List.of()));
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return onFile(
                "foldingRange",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> Structure.folding(ctx.file()).stream()
                        .map(f -> {
                            FoldingRange r = new FoldingRange(f.startLine(), f.endLine());
                            if (f.comment()) {
                                r.setKind(FoldingRangeKind.Comment);
                            }
                            return r;
                        })
                        .toList());
    }

    @Override
    public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams params) {
        return onFile("selectionRange", params.getTextDocument(), List::of, (ctx, pos) -> {
            List<SelectionRange> out = new ArrayList<>();
            for (Position p : params.getPositions()) {
                List<Span> spans = Structure.selection(ctx.file(), pos.offset(p));
                SelectionRange parent = null;
                for (int i = spans.size() - 1; i >= 0; i--) {
                    parent = new SelectionRange(pos.range(spans.get(i)), parent);
                }
                out.add(parent == null ? new SelectionRange(new Range(p, p), null) : parent);
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return onFile(
                "semanticTokens",
                params.getTextDocument(),
                () -> new org.eclipse.lsp4j.SemanticTokens(List.of()),
                (ctx, pos) -> remember(
                        params.getTextDocument().getUri(),
                        Convert.encode(
                                SemanticTokens.tokens(
                                        ctx, new Span(0, ctx.text().length())),
                                pos,
                                ctx.text())));
    }

    /** The last full result per document, for deltas. */
    private final Map<String, org.eclipse.lsp4j.SemanticTokens> lastTokens =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong tokenResults = new java.util.concurrent.atomic.AtomicLong();

    private org.eclipse.lsp4j.SemanticTokens remember(String uri, List<Integer> data) {
        org.eclipse.lsp4j.SemanticTokens t =
                new org.eclipse.lsp4j.SemanticTokens(Long.toString(tokenResults.incrementAndGet()), data);
        lastTokens.put(uri, t);
        return t;
    }

    @Override
    public CompletableFuture<Either<org.eclipse.lsp4j.SemanticTokens, SemanticTokensDelta>> semanticTokensFullDelta(
            SemanticTokensDeltaParams params) {
        String uri = params.getTextDocument().getUri();
        return onFile(
                "semanticTokensDelta",
                params.getTextDocument(),
                () -> Either.forLeft(new org.eclipse.lsp4j.SemanticTokens(List.of())),
                (ctx, pos) -> {
                    List<Integer> data = Convert.encode(
                            SemanticTokens.tokens(ctx, new Span(0, ctx.text().length())), pos, ctx.text());
                    org.eclipse.lsp4j.SemanticTokens previous = lastTokens.get(uri);
                    org.eclipse.lsp4j.SemanticTokens now = remember(uri, data);
                    if (previous == null || !previous.getResultId().equals(params.getPreviousResultId())) {
                        return Either.forLeft(now);
                    }
                    return Either.forRight(
                            new SemanticTokensDelta(Convert.delta(previous.getData(), data), now.getResultId()));
                });
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.SemanticTokens> semanticTokensRange(SemanticTokensRangeParams params) {
        return onFile(
                "semanticTokensRange",
                params.getTextDocument(),
                () -> new org.eclipse.lsp4j.SemanticTokens(List.of()),
                (ctx, pos) -> new org.eclipse.lsp4j.SemanticTokens(
                        Convert.encode(SemanticTokens.tokens(ctx, pos.span(params.getRange())), pos, ctx.text())));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return onFile(
                "inlayHint",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> InlayHints.hints(ctx, pos.span(params.getRange())).stream()
                        .map(h -> {
                            InlayHint hint = new InlayHint(pos.position(h.offset()), Either.forLeft(h.label()));
                            if (h.tooltip() != null) {
                                hint.setTooltip(h.tooltip());
                            }
                            return hint;
                        })
                        .toList());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return onFile("codeAction", params.getTextDocument(), List::of, (ctx, pos) -> {
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            List<String> only =
                    params.getContext() == null ? null : params.getContext().getOnly();
            Map<Path, Positions> positions = new HashMap<>();
            for (CodeActions.Action a : CodeActions.actions(ctx, pos.span(params.getRange()))) {
                if (only != null && only.stream().noneMatch(k -> a.kind().startsWith(k))) {
                    continue;
                }
                CodeAction action = new CodeAction(a.title());
                action.setKind(a.kind());
                action.setIsPreferred(a.preferred());
                Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
                for (CodeActions.Edit e : a.edits()) {
                    Positions p = positions.computeIfAbsent(
                            e.file(), f -> new Positions(ctx.snapshot().text(f).orElse("")));
                    changes.computeIfAbsent(server.uriOf(e.file()), k -> new ArrayList<>())
                            .add(new TextEdit(p.range(e.span()), e.newText()));
                }
                action.setEdit(new WorkspaceEdit(changes));
                if (a.fixes() != null) {
                    action.setDiagnostics(List.of(Convert.diagnostic(
                            a.fixes(),
                            pos,
                            f -> positions.computeIfAbsent(
                                    f, x -> new Positions(ctx.snapshot().text(x).orElse(""))),
                            server::uriOf)));
                }
                out.add(Either.forRight(action));
            }
            if ((only == null
                    || only.stream()
                            .anyMatch(
                                    k -> CodeActionKind.Source.startsWith(k) || k.startsWith(CodeActionKind.Source)))) {
                Structure.format(ctx.file()).ifPresent(t -> {
                    CodeAction fmt = new CodeAction("Format the file");
                    fmt.setKind(CodeActionKind.Source + ".format");
                    fmt.setEdit(new WorkspaceEdit(Map.of(
                            server.uriOf(ctx.path()),
                            List.of(new TextEdit(
                                    pos.range(new Span(0, ctx.text().length())), t)))));
                    out.add(Either.forRight(fmt));
                });
            }
            if (only == null || only.stream().anyMatch(k -> ServiceCommands.GENERATE_KIND.startsWith(k))) {
                out.add(Either.forRight(server.commands.generateAction(ctx)));
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<CodeAction> resolveCodeAction(CodeAction unresolved) {
        return server.commands.resolve(unresolved);
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return onFile("codeLens", params.getTextDocument(), List::of, (ctx, pos) -> {
            List<CodeLens> out = new ArrayList<>(server.commands.lenses(ctx, pos));
            // run blueprint validate on the service this file declares; the result message links the HTML report
            for (dev.blueprint.lang.model.ServiceDecl s :
                    ctx.file().decls(dev.blueprint.lang.model.ServiceDecl.class)) {
                Span at = s.name().isMissing() ? s.span() : s.name().span();
                out.add(new CodeLens(
                        pos.range(at),
                        new Command("▶ Validate", ValidateHandler.COMMAND, List.of(server.uriOf(ctx.path()))),
                        null));
            }
            InlayHints.lenses(ctx)
                    .forEach(l -> out.add(new CodeLens(pos.range(l.span()), new Command(l.title(), ""), null)));
            return out;
        });
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return onFile(
                "documentLink",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> DocumentLinks.links(ctx.file()).stream()
                        .map(l -> new DocumentLink(
                                pos.range(l.span()), l.target().toUri().toString()))
                        .toList());
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return onFile(
                "signatureHelp",
                params.getTextDocument(),
                () -> null,
                (ctx, pos) -> SignatureHelp.at(ctx, pos.offset(params.getPosition()))
                        .map(s -> {
                            SignatureInformation info = new SignatureInformation(
                                    s.label(),
                                    new MarkupContent(MarkupKind.MARKDOWN, s.doc()),
                                    s.parameters().stream()
                                            .map(p -> new ParameterInformation(p))
                                            .toList());
                            return new org.eclipse.lsp4j.SignatureHelp(List.of(info), 0, s.active());
                        })
                        .orElse(null));
    }

    @Override
    public CompletableFuture<List<CallHierarchyItem>> prepareCallHierarchy(CallHierarchyPrepareParams params) {
        return onFile(
                "prepareCallHierarchy",
                params.getTextDocument(),
                List::of,
                (ctx, pos) -> CallHierarchy.prepare(ctx, pos.offset(params.getPosition()))
                        .map(i -> List.of(callItem(ctx.snapshot(), i)))
                        .orElse(List.of()));
    }

    @Override
    public CompletableFuture<List<CallHierarchyIncomingCall>> callHierarchyIncomingCalls(
            CallHierarchyIncomingCallsParams params) {
        return server.request(
                "incomingCalls",
                List::of,
                snap -> fromItem(snap, params.getItem())
                        .map(item -> CallHierarchy.incoming(snap, item).stream()
                                .map(c -> new CallHierarchyIncomingCall(
                                        callItem(snap, c.item()),
                                        ranges(snap, c.item().file(), c.at())))
                                .toList())
                        .orElse(List.of()));
    }

    @Override
    public CompletableFuture<List<CallHierarchyOutgoingCall>> callHierarchyOutgoingCalls(
            CallHierarchyOutgoingCallsParams params) {
        return server.request(
                "outgoingCalls",
                List::of,
                snap -> fromItem(snap, params.getItem())
                        .map(item -> CallHierarchy.outgoing(snap, item).stream()
                                .map(c -> new CallHierarchyOutgoingCall(
                                        callItem(snap, c.item()), ranges(snap, item.file(), c.at())))
                                .toList())
                        .orElse(List.of()));
    }

    private Positions positionsOf(Snapshot snap, Path file) {
        return new Positions(
                snap.text(file).or(() -> Workspace.readBlueprint(file)).orElse(""));
    }

    private List<Range> ranges(Snapshot snap, Path file, List<Span> spans) {
        Positions pos = positionsOf(snap, file);
        return spans.stream().map(pos::range).toList();
    }

    private CallHierarchyItem callItem(Snapshot snap, CallHierarchy.Item i) {
        Positions pos = positionsOf(snap, i.file());
        CallHierarchyItem item = new CallHierarchyItem(
                i.name(),
                i.kind() == CallHierarchy.ItemKind.ENTITY ? SymbolKind.Class : SymbolKind.Method,
                server.uriOf(i.file()),
                pos.range(i.span()),
                pos.range(i.selection()));
        item.setDetail(i.detail());
        return item;
    }

    /** The entity an item the client sends back stands for: found again by its file and name position. */
    private Optional<CallHierarchy.Item> fromItem(Snapshot snap, CallHierarchyItem item) {
        if (item.getKind() != SymbolKind.Class) {
            return Optional.empty();
        }
        return BlueprintServer.toPath(item.getUri())
                .flatMap(snap::context)
                .flatMap(ctx -> CallHierarchy.prepare(
                        ctx,
                        positionsOf(snap, ctx.path())
                                .offset(item.getSelectionRange().getStart())));
    }

    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        return server.request(
                "diagnostic " + params.getTextDocument().getUri(),
                () -> new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(List.of())),
                snap -> {
                    List<org.eclipse.lsp4j.Diagnostic> items = BlueprintServer.toPath(
                                    params.getTextDocument().getUri())
                            .filter(p -> snap.text(p).isPresent())
                            .map(p -> server.diagnosticsOf(snap, p))
                            .orElse(List.of());
                    return new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(items));
                });
    }
}
