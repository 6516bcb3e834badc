package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each quick fix, applied, makes its diagnostic go away without bringing new errors. */
class CodeActionsTest {
    static final String HEAD = "service S { version \"1\" }\n";

    /** Applies the action titled {@code title} for the first diagnostic of {@code code}; returns the new text. */
    private static String fix(String source, Code code, String title) {
        Fixture f = Fixture.of(source);
        Diagnostic d = f.snapshot.diagnostics(f.file).stream()
                .filter(x -> x.code() == code)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + f.snapshot.diagnostics(f.file)));
        List<CodeActions.Action> actions = CodeActions.actions(f.ctx(), d.span());
        CodeActions.Action a = actions.stream()
                .filter(x -> x.fixes() == d && x.title().startsWith(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no action '" + title + "' among "
                        + actions.stream().map(CodeActions.Action::title).toList()));
        String fixed = Fixture.apply(f.text(), a.edits());
        List<Diagnostic> after = Snapshot.of(Map.of(f.file, fixed)).diagnostics(f.file);
        assertThat(after).extracting(Diagnostic::code).doesNotContain(code);
        assertThat(after.size()).isLessThan(f.snapshot.diagnostics(f.file).size());
        return fixed;
    }

    @Test
    void didYouMean() {
        String src = HEAD + "entity E { id: uuid @key  n: strng }\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(src, Code.UNKNOWN_TYPE, "Change to 'string'")).contains("n: string");
    }

    @Test
    void addKeyField() {
        String src = HEAD + "entity E {\n  name: string\n}\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(src, Code.MISSING_KEY, "Add a key field"))
                .contains("entity E {\n  id: uuid @key\n  name: string");
    }

    @Test
    void anExistingIdBecomesTheKey() {
        String src = HEAD + "entity E {\n  id: uuid\n  name: string\n}\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(src, Code.MISSING_KEY, "Make 'id' the key")).contains("  id: uuid @key\n  name: string");
    }

    @Test
    void createMissingEntityAndEnum() {
        String src = HEAD + "entity E { id: uuid @key  owner: Person }\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(src, Code.UNKNOWN_TYPE, "Create entity 'Person'"))
                .contains("entity Person {\n  id: uuid @key\n}");
        String src2 = HEAD + "entity E { id: uuid @key  mood: Mood }\napi \"/a\" { resource \"/e\" E }\n";
        Fixture f = Fixture.of(src2);
        Diagnostic d = f.snapshot.diagnostics(f.file).get(0);
        assertThat(CodeActions.actions(f.ctx(), d.span()))
                .extracting(CodeActions.Action::title)
                .contains("Create enum 'Mood'");
    }

    @Test
    void removeDuplicates() {
        assertThat(fix(HEAD + "server {\n  port 1\n  port 2\n}\n", Code.DUPLICATE_SETTING, "Remove the duplicate"))
                .isEqualTo(HEAD + "server {\n  port 1\n}\n");
        String entity = HEAD + "entity E {\n  id: uuid @key\n  n: int\n  n: int\n}\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(entity, Code.DUPLICATE_FIELD, "Remove the duplicate field"))
                .containsOnlyOnce("n: int");
        String ops = HEAD + "entity E { id: uuid @key }\napi \"/a\" { resource \"/e\" E { list, get, list } }\n";
        assertThat(fix(ops, Code.DUPLICATE_OPERATION, "Remove the duplicate")).contains("{ list, get }");
        String members =
                HEAD + "enum M { A, B, A }\nentity E { id: uuid @key m: M }\napi \"/a\" { resource \"/e\" E }\n";
        assertThat(fix(members, Code.DUPLICATE_MEMBER, "Remove the duplicate")).contains("enum M { A, B }");
    }

    @Test
    void minIdleAboveMaxSize() {
        String src = HEAD + "store db {\n  pool { min_idle 30 max_size 20 }\n}\n";
        assertThat(fix(src, Code.MIN_IDLE_ABOVE_MAX, "Set min_idle to max_size"))
                .contains("min_idle 20 max_size 20");
    }

    @Test
    void unusedPathParameterJoinsTheWhere() {
        String src =
                HEAD + "entity E { id: uuid @key  code: string }\napi \"/a\" {\n  route GET \"/e/{code}\" -> E[]\n}\n";
        assertThat(fix(src, Code.UNUSED_PATH_PARAM, "Add 'where code == $code'"))
                .contains("-> E[] where code == $code");
        String more = HEAD
                + "entity E { id: uuid @key  code: string  n: int }\napi \"/a\" {\n  route GET \"/e/{code}\" -> E where n == $n\n}\n";
        assertThat(fix(more, Code.UNUSED_PATH_PARAM, "Add 'and code == $code'"))
                .contains("where n == $n and code == $code");
    }

    @Test
    void actionsOnlyForDiagnosticsInTheRange() {
        Fixture f = Fixture.of(HEAD + "server {\n  port 1\n  port 2\n}\n");
        assertThat(CodeActions.actions(f.ctx(), new Span(0, 3))).isEmpty();
    }
}
