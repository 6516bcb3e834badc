package dev.blueprint.lsp;

import dev.blueprint.lang.naming.BlueprintFiles;
import dev.blueprint.lsp.ide.Symbols;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace handlers: configuration, files changed on disk, workspace symbols. */
final class WorkspaceHandlers implements WorkspaceService {
    private final BlueprintServer server;
    private final ValidateHandler validate;

    WorkspaceHandlers(BlueprintServer server) {
        this.server = server;
        this.validate = new ValidateHandler(server);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        server.refreshConfiguration();
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // a generated project's stamp changed (generated again, perhaps by `blueprint compile`): only diagnostics
        // change
        for (FileEvent e : params.getChanges()) {
            BlueprintServer.toPath(e.getUri())
                    .filter(BlueprintFiles::isBlueprint)
                    .ifPresent(p -> server.workspace.diskChanged(p, e.getType() == FileChangeType.Deleted));
        }
        server.scheduleDiagnostics(0);
    }

    @Override
    public CompletableFuture<Object> executeCommand(org.eclipse.lsp4j.ExecuteCommandParams params) {
        if (ServiceCommands.GENERATE.equals(params.getCommand())) {
            return server.commands.execute(params);
        }
        if (ValidateHandler.COMMAND.equals(params.getCommand())) {
            return validate.execute(params.getArguments());
        }
        return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                        org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams,
                        "unknown command '" + params.getCommand() + "'",
                        null)));
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        return server.request("workspace symbols", () -> Either.forRight(List.of()), snap -> {
            List<WorkspaceSymbol> out = new ArrayList<>();
            for (Symbols.Found f : Symbols.workspace(snap, params.getQuery() == null ? "" : params.getQuery())) {
                Positions pos = new Positions(snap.text(f.file()).orElse(""));
                WorkspaceSymbol s = new WorkspaceSymbol(
                        f.name(),
                        Convert.symbolKind(f.kind()),
                        Either.forLeft(new Location(server.uriOf(f.file()), pos.range(f.span()))),
                        f.container());
                out.add(s);
                if (out.size() >= 500) {
                    break;
                }
            }
            return Either.forRight(out);
        });
    }
}
