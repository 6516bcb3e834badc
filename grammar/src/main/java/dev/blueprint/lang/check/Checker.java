package dev.blueprint.lang.check;

import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of the reference's section 3 over a resolved program. */
public final class Checker {
    private Checker() {}

    /** The checked configuration and what the checks found. */
    public record Result(ServiceConfig config, List<Diagnostic> diagnostics) {}

    public static Result check(Program program, List<Diagnostic> out) {
        ServiceConfig config = new ConfigBuilder(program, out).build();
        EntityChecker entities = new EntityChecker(program, out);
        program.entities().forEach(entities::check);
        ApiChecker apis = new ApiChecker(program, out);
        program.apis().forEach(apis::check);
        unusedEntities(program, out);
        return new Result(config, out);
    }

    private static void unusedEntities(Program program, List<Diagnostic> out) {
        Set<String> used = new HashSet<>();
        for (ApiDecl api : program.apis()) {
            api.resources().stream().map(Resource::entity).forEach(n -> used.add(n.text()));
            api.routes().stream().map(Route::entity).forEach(n -> used.add(n.text()));
        }
        for (EntityDecl e : program.entities()) {
            for (Field f : e.fields()) {
                if (program.typeOf(f) instanceof FieldType.EntityRef ref && ref.decl() != e) {
                    used.add(ref.decl().name().text());
                }
            }
        }
        for (EntityDecl e : program.entities()) {
            if (!e.name().isMissing() && !used.contains(e.name().text())) {
                out.add(Diagnostic.of(
                                Code.UNUSED_ENTITY,
                                program.fileOf(e),
                                e.name().span(),
                                "entity '" + e.name()
                                        + "' is not exposed by any api nor referenced by another entity; add a resource for it or remove it")
                        .markUnnecessary());
            }
        }
    }
}
