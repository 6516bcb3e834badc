package dev.blueprint.lang.properties;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a random valid blueprint program from a seed: a service, optional server, stores
 * with pools, probes and deploy blocks whose settings stay within the schema's bounds and
 * clear of every production-readiness warning; enums; entities using every field type with
 * attributes and defaults that fit, some with nothing but their key; apis exposing every
 * entity through a resource, plus routes whose where and order by name real, comparable
 * fields and use every path parameter. With {@code comments} on, line, block and doc
 * comments are sprinkled between declarations, between members and at line ends.
 *
 * <p>Public (and in grammar's test-jar) because codegen's property tests generate, compile and start the projects
 * of these programs.
 */
public final class ProgramGenerator {
    private final Random r;
    private final boolean comments;
    private final StringBuilder out = new StringBuilder();
    private int names;

    private ProgramGenerator(long seed, boolean comments) {
        this.r = new Random(seed);
        this.comments = comments;
    }

    /** The program of {@code seed}; the same seed always gives the same text. */
    public static String generate(long seed, boolean comments) {
        ProgramGenerator g = new ProgramGenerator(seed, comments);
        g.program();
        return g.out.toString();
    }

    // ---- the model the text is written from ---------------------------------------------

    private record FieldSpec(String name, String kind, String typeText, boolean comparable) {}

    private record EntitySpec(String name, List<FieldSpec> fields) {}

    private final List<String> enums = new ArrayList<>();
    private final List<List<String>> enumMembers = new ArrayList<>();
    private final List<EntitySpec> entities = new ArrayList<>();
    private final List<String> stores = new ArrayList<>();
    private boolean anyH2;
    private int h2Stores;
    private Integer workerThreads;
    private int maxPool = 10;

    private void program() {
        List<Runnable> decls = new ArrayList<>();
        // Settings first (they decide the capacity figures), then types, then apis; the order
        // of declarations in the file is shuffled, since order does not matter.
        int storeCount = r.nextInt(3);
        boolean server = r.nextBoolean();
        int connectMs = 250 + r.nextInt(9_750);
        if (server && r.nextBoolean()) {
            workerThreads = 20 + r.nextInt(200);
        }
        decls.add(this::service);
        if (server) {
            decls.add(() -> server(connectMs));
        }
        for (int i = 0; i < storeCount; i++) {
            String name = fresh("store");
            stores.add(name);
            boolean h2 = r.nextInt(3) == 0;
            anyH2 |= h2;
            h2Stores += h2 ? 1 : 0;
            decls.add(() -> store(name, h2, connectMs));
        }
        if (storeCount == 0) {
            anyH2 = true; // the implicit `store main { engine h2 }`
        }
        if (r.nextBoolean()) {
            decls.add(this::probes);
        }
        boolean mixed = anyH2 && stores.size() > 1 && h2Stores < stores.size();
        if (mixed || r.nextBoolean()) {
            decls.add(() -> deploy(mixed));
        }
        int enumCount = r.nextInt(3);
        for (int i = 0; i < enumCount; i++) {
            String name = fresh("Kind");
            List<String> members = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int m = 0; m < n; m++) {
                String awkward = pick(AWKWARD_MEMBERS);
                members.add(
                        r.nextInt(6) == 0 && !members.contains(awkward)
                                ? awkward
                                : ("M" + m + "_" + fresh("")).toUpperCase());
            }
            enums.add(name);
            enumMembers.add(members);
        }
        for (int i = 0; i < enumCount; i++) {
            int at = i;
            decls.add(() -> enumDecl(at));
        }
        int entityCount = 1 + r.nextInt(4);
        for (int i = 0; i < entityCount; i++) {
            String awkward = pick(AWKWARD_ENTITY_NAMES);
            boolean taken = entities.stream().anyMatch(e -> e.name().equals(awkward));
            String name = r.nextInt(4) == 0 && !taken ? awkward : fresh("Thing");
            entities.add(new EntitySpec(name, new ArrayList<>()));
        }
        for (int i = 0; i < entityCount; i++) {
            planFields(entities.get(i), i);
        }
        for (EntitySpec e : entities) {
            decls.add(() -> entity(e));
        }
        int apiCount = 1 + r.nextInt(2);
        List<List<EntitySpec>> exposed = new ArrayList<>();
        for (int i = 0; i < apiCount; i++) {
            exposed.add(new ArrayList<>());
        }
        for (EntitySpec e : entities) {
            exposed.get(r.nextInt(apiCount)).add(e);
        }
        if (r.nextInt(3) == 0) {
            int roleCount = 1 + r.nextInt(3);
            for (int i = 0; i < roleCount; i++) {
                roles.add(fresh("role-"));
            }
            decls.add(this::security);
        }
        for (int i = 0; i < apiCount; i++) {
            int at = i;
            decls.add(() -> api("/api/v" + (at + 1), exposed.get(at)));
        }
        java.util.Collections.shuffle(decls, r);
        comment(0);
        for (Runnable d : decls) {
            d.run();
            out.append(r.nextInt(4) == 0 ? "\n\n" : "\n");
            comment(0);
        }
    }

    /** Declared roles; when there are any, the service authenticates and the first resource requires them all. */
    private final List<String> roles = new ArrayList<>();

    private boolean allRolesRequired;

    private void security() {
        doc(0);
        open(0, "security");
        List<String> lines = new ArrayList<>();
        lines.add("roles ["
                + String.join(", ", roles.stream().map(q -> "\"" + q + "\"").toList()) + "]");
        StringBuilder keys = new StringBuilder("api_keys { ");
        if (r.nextBoolean()) {
            keys.append("header \"X-Key-").append(names).append("\" ");
        }
        keys.append("clients { ");
        int clients = 1 + r.nextInt(2);
        for (int i = 0; i < clients; i++) {
            String client = fresh("client");
            keys.append(client)
                    .append(" { key env(\"")
                    .append(client.toUpperCase())
                    .append("_KEY\") roles [\"")
                    .append(roles.get(r.nextInt(roles.size())))
                    .append("\"] } ");
        }
        lines.add(keys.append("} }").toString());
        if (r.nextBoolean()) {
            lines.add("jwt { issuer \"https://id.example.com/\" audience \"svc\" "
                    + pick("public_key env(\"JWT_PEM\")", "jwks_url \"https://id.example.com/jwks\"")
                    + pick("", " algorithms [ES256]", " clock_skew 5s", " roles_claim \"realm.roles\"") + " }");
        }
        if (r.nextBoolean()) {
            lines.add("rate_limit { per_second " + (1 + r.nextInt(500))
                    + pick("", " burst 1000", " by address", " by client") + " }");
        }
        if (r.nextBoolean()) {
            lines.add("cors { origins [" + pick("\"*\"", "\"https://a.example.com\", \"http://localhost:3000\"") + "]"
                    + pick("", " methods [GET]", " max_age 1h", " headers [\"X-Thing\"]") + " }");
        }
        settings(1, lines);
        close(0);
    }

    /** A rule for an api member: none, public, or some of the declared roles (all of them the first time). */
    private String access() {
        if (roles.isEmpty()) {
            return "";
        }
        if (!allRolesRequired) {
            allRolesRequired = true;
            return " requires role("
                    + String.join(", ", roles.stream().map(q -> "\"" + q + "\"").toList()) + ")";
        }
        return pick("", "", " public", " requires role(\"" + roles.get(r.nextInt(roles.size())) + "\")");
    }

    private String fresh(String prefix) {
        return prefix + (names++);
    }

    // ---- settings -----------------------------------------------------------------------

    private void service() {
        doc(0);
        open(0, "service " + fresh("Svc"));
        List<String> lines = new ArrayList<>();
        if (r.nextBoolean()) {
            lines.add("version \"" + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10) + "\"");
        }
        if (r.nextBoolean()) {
            lines.add("package \"com.example.p" + r.nextInt(100) + "\"");
        }
        if (r.nextBoolean()) {
            lines.add("description \"A \\\"generated\\\" service\\n\\t\\u{1F600}\"");
        }
        settings(1, lines);
        close(0);
    }

    private void server(int connectMs) {
        doc(0);
        open(0, "server");
        List<String> lines = new ArrayList<>();
        maybe(lines, "port " + (1 + r.nextInt(65_535)));
        maybe(lines, "io_threads " + (1 + r.nextInt(64)));
        if (workerThreads != null) {
            lines.add("worker_threads " + workerThreads);
        }
        maybe(lines, "max_body " + pick("512KB", "1MB", "10MB", "64KiB", "2MiB", "1024B", "1GB"));
        // Above every pool's connect_timeout (a written one, or the default 3s), so no REQUEST_TIMEOUT_TOO_SHORT.
        int slowest = Math.max(connectMs, 3_000);
        lines.add("request_timeout "
                + pick(slowest / 1000 + 1 + r.nextInt(50) + "s", (slowest / 60_000 + 1 + r.nextInt(50)) + "m", "1h"));
        maybe(lines, "idle_timeout " + pick("1s", "60s", "10m", "1h", "1d"));
        maybe(lines, "shutdown_grace " + pick("0s", "20s", "5m", "1h"));
        if (r.nextBoolean()) { // page_size (default 50) at most max_page_size
            int max = 1 + r.nextInt(100_000);
            lines.add("max_page_size " + max);
            if (max < 50 || r.nextBoolean()) {
                lines.add("page_size " + (1 + r.nextInt(max)));
            }
        } else {
            maybe(lines, "page_size " + (1 + r.nextInt(500)));
        }
        java.util.Collections.shuffle(lines, r);
        settings(1, lines);
        close(0);
    }

    private void store(String name, boolean h2, int connectMs) {
        doc(0);
        open(0, "store " + name);
        List<String> lines = new ArrayList<>();
        if (h2) {
            maybe(lines, "engine h2");
        } else {
            lines.add("engine postgres");
            lines.add("url "
                    + pick(
                            "\"jdbc:postgresql://db:5432/x\"",
                            "env(\"DATABASE_URL\", \"jdbc:postgresql://localhost/x\")",
                            "env(\"DB_URL\")"));
            maybe(lines, "user " + pick("env(\"DB_USER\")", "\"app\"", "env(\"DB_USER\", \"postgres\")"));
            maybe(lines, "password " + pick("env(\"DB_PASSWORD\")", "env(\"DB_PASSWORD\", \"\")"));
            maybe(lines, "max_connections 1000000");
        }
        if (r.nextBoolean()) {
            int cap = workerThreads == null ? 200 : workerThreads;
            int maxSize = 1 + r.nextInt(Math.min(cap, 200));
            maxPool = Math.max(maxPool, maxSize);
            List<String> pool = new ArrayList<>();
            pool.add("max_size " + maxSize);
            maybe(pool, "min_idle " + r.nextInt(maxSize + 1));
            pool.add("connect_timeout " + (connectMs % 1000 == 0 ? connectMs / 1000 + "s" : connectMs + "ms"));
            maybe(pool, "idle_timeout " + pick("10s", "10m", "1h", "1d"));
            maybe(pool, "max_lifetime " + pick("30s", "30m", "2h", "7d"));
            maybe(pool, "leak_detection " + pick("2s", "1m", "1h", "off"));
            java.util.Collections.shuffle(pool, r);
            java.util.Collections.shuffle(lines, r);
            settings(1, lines);
            lines.clear();
            comment(1);
            open(1, "pool");
            settings(2, pool);
            close(1);
        } else {
            if (workerThreads != null && workerThreads < 10) {
                throw new IllegalStateException("worker threads below the default pool");
            }
            java.util.Collections.shuffle(lines, r);
        }
        settings(1, lines);
        close(0);
    }

    private void probes() {
        doc(0);
        open(0, "probes");
        List<String> lines = new ArrayList<>();
        maybe(lines, "live \"/health/live" + r.nextInt(3) + "\"");
        maybe(lines, "ready \"/ready\"");
        maybe(lines, "startup \"/health/startup\"");
        if (!stores.isEmpty() && r.nextBoolean()) {
            List<String> checked = new ArrayList<>(stores.subList(0, 1 + r.nextInt(stores.size())));
            lines.add("checks [" + String.join(r.nextBoolean() ? ", " : " ", checked) + "]");
        }
        maybe(lines, "timeout " + pick("10ms", "2s", "1m", "500ms"));
        java.util.Collections.shuffle(lines, r);
        settings(1, lines);
        close(0);
    }

    /** {@code mixed}: h2 and postgres stores, where the default of 2 replicas would replicate h2. */
    private void deploy(boolean mixed) {
        doc(0);
        open(0, "deploy");
        List<String> lines = new ArrayList<>();
        maybe(lines, "image \"registry.example.com/x" + r.nextInt(9) + "\"");
        if (mixed) {
            lines.add("replicas 1");
        } else if (anyH2) {
            maybe(lines, "replicas 1"); // an embedded store is never replicated
        } else {
            maybe(lines, "replicas " + (1 + r.nextInt(20)));
            if (r.nextBoolean()) {
                int lo = 1 + r.nextInt(10);
                lines.add("autoscale " + lo + ".." + (lo + r.nextInt(20)));
            }
        }
        String[] cpus = {"100m", "500m", "1", "2", "1500m"};
        int cpu = r.nextInt(3);
        // Each request with its limit, or neither: a default (500m, 2; 512MiB, 1GiB) could be above a written limit.
        if (r.nextBoolean()) {
            lines.add("cpu " + cpus[cpu]);
            lines.add("cpu_limit " + cpus[cpu + 1 + r.nextInt(cpus.length - cpu - 1)].replace("1500m", "4"));
        }
        String[] mems = {"64MB", "128MiB", "512MiB", "1GiB", "2GiB"};
        int mem = r.nextInt(3);
        if (r.nextBoolean()) {
            lines.add("memory " + mems[mem]);
            lines.add("memory_limit " + mems[mem + 1 + r.nextInt(mems.length - mem - 1)]);
        }
        maybe(lines, "target_cpu " + (1 + r.nextInt(100)) + "%");
        java.util.Collections.shuffle(lines, r);
        settings(1, lines);
        close(0);
    }

    private void settings(int depth, List<String> lines) {
        for (String line : lines) {
            comment(depth);
            line(depth, line);
        }
        comment(depth);
    }

    private void maybe(List<String> lines, String line) {
        if (r.nextBoolean()) {
            lines.add(line);
        }
    }

    // ---- types --------------------------------------------------------------------------

    private void enumDecl(int at) {
        doc(0);
        List<String> members = enumMembers.get(at);
        if (comments && r.nextBoolean()) {
            open(0, "enum " + enums.get(at));
            for (String m : members) {
                comment(1);
                line(1, m + (r.nextBoolean() ? "," : ""));
            }
            comment(1);
            close(0);
        } else {
            out.append("enum ")
                    .append(enums.get(at))
                    .append(" { ")
                    .append(String.join(r.nextBoolean() ? ", " : " ", members))
                    .append(" }");
            trailing();
            out.append('\n');
        }
    }

    /** Keywords the grammar also accepts as field names. */
    private static final String[] KEYWORD_NAMES = {
        "order",
        "where",
        "limit",
        "by",
        "asc",
        "desc",
        "and",
        "env",
        "server",
        "store",
        "route",
        "resource",
        "security",
        "requires",
        "public"
    };

    /**
     * Entity names that are also the names of classes generated code uses (the JDK's, the runtime's, its own) or
     * of Java's {@code java.lang} types.
     */
    private static final String[] AWKWARD_ENTITY_NAMES = {
        "List", "Map", "Optional", "Instant", "LocalDate", "BigDecimal", "UUID", "String", "Object", "Integer", "Long",
        "Boolean", "Record", "Override", "Row", "Database", "Service", "Request", "Reply", "Page", "Problem", "Json",
        "Clock", "Field", "Main", "Routes", "Environment"
    };

    /**
     * Field names that are Java keywords, {@code Object} methods, SQL reserved words or the names generated code
     * gives its own variables.
     */
    private static final String[] AWKWARD_FIELD_NAMES = {
        "class",
        "default",
        "new",
        "static",
        "hashCode",
        "toString",
        "equals",
        "getClass",
        "select",
        "from",
        "group",
        "user",
        "table",
        "input",
        "row",
        "db",
        "now",
        "id",
        "value",
        "values",
        "name",
        "key",
        "page",
        "request"
    };

    /**
     * Enum members named like an enum's own methods, or not in upper case; lower case is only a hint
     * (ENUM_MEMBER_CASE), so programs with them are clean. Not Java keywords ({@code new}, {@code class}): the
     * generated Java enum cannot name such a constant, and the runtime reads enums by constant name.
     */
    private static final String[] AWKWARD_MEMBERS = {"values", "valueOf", "name", "ordinal", "Mixed", "lower"};

    private static final String[] BUILTINS = {
        "string", "text", "int", "long", "decimal", "bool", "uuid", "timestamp", "date"
    };

    private void planFields(EntitySpec e, int index) {
        boolean uuidKey = r.nextBoolean();
        e.fields()
                .add(new FieldSpec(
                        pick("id", "key", "ident"),
                        uuidKey ? "uuid-key" : "long-key",
                        (uuidKey ? "uuid" : "long") + " @key",
                        true));
        int n = r.nextInt(10); // none: an entity with only its key
        Set<String> used = new LinkedHashSet<>();
        used.add(e.fields().get(0).name());
        for (int i = 0; i < n; i++) {
            String awkward = r.nextBoolean() ? pick(KEYWORD_NAMES) : pick(AWKWARD_FIELD_NAMES);
            String name = r.nextInt(4) == 0 && !used.contains(awkward)
                    ? awkward
                    : fresh(pick("f", "order", "where", "limit", "value_"));
            used.add(name);
            int choice = r.nextInt(BUILTINS.length + 2);
            if (choice == BUILTINS.length && !enums.isEmpty()) {
                int en = r.nextInt(enums.size());
                String type = enums.get(en);
                String def = r.nextBoolean()
                        ? " = "
                                + enumMembers
                                        .get(en)
                                        .get(r.nextInt(enumMembers.get(en).size()))
                        : "";
                e.fields().add(new FieldSpec(name, "enum", type + optional() + index() + def, true));
            } else if (choice == BUILTINS.length + 1) {
                EntitySpec target = entities.get(r.nextInt(entities.size()));
                e.fields().add(new FieldSpec(name, "ref", target.name() + optional() + index(), true));
            } else {
                String kind = BUILTINS[choice % BUILTINS.length];
                e.fields().add(new FieldSpec(name, kind, builtin(kind), !kind.equals("text")));
            }
        }
    }

    private String optional() {
        return r.nextInt(3) == 0 ? "?" : "";
    }

    private String index() {
        return r.nextInt(4) == 0 ? pick(" @index", " @unique") : "";
    }

    private String builtin(String kind) {
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case "string" -> {
                int n = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(10_000);
                s.append(n == 0 ? "string" : "string(" + n + ")")
                        .append(optional())
                        .append(index());
                int len = n == 0 ? 255 : n;
                int c = r.nextInt(4);
                if (c == 0) {
                    int lo = r.nextInt(Math.min(len, 20) + 1);
                    s.append(" @length(")
                            .append(lo)
                            .append("..")
                            .append(lo + r.nextInt(len - lo + 1))
                            .append(')');
                } else if (c == 1) {
                    s.append(" @pattern(")
                            .append(pick(
                                    "\"[a-z]+\"",
                                    "\"[A-HJ-NPR-Z0-9]{17}\"",
                                    "\"[^@\\\\s]+@[^@\\\\s]+\"",
                                    "\"(a|b)*\\\\d?\""))
                            .append(')');
                } else if (c == 2 && len >= 5) {
                    s.append(" = ").append(pick("\"hello\"", "\"\"", "\"a\\\"b\"", "\"x\\ty\""));
                }
            }
            case "text" -> {
                s.append("text").append(optional());
                int c = r.nextInt(3);
                if (c == 0) {
                    s.append(" @length(0..").append(1 + r.nextInt(100_000)).append(')');
                } else if (c == 1) {
                    s.append(" = \"some text\"");
                }
            }
            case "int", "long" -> {
                s.append(kind).append(optional()).append(index());
                if (r.nextBoolean()) {
                    int lo = r.nextInt(2000) - 1000;
                    int hi = lo + r.nextInt(5000);
                    s.append(" @range(").append(lo).append("..").append(hi).append(')');
                    if (r.nextBoolean()) {
                        s.append(" = ").append(lo + r.nextInt(hi - lo + 1));
                    }
                } else if (r.nextBoolean()) {
                    s.append(" = ").append(r.nextInt() / (kind.equals("int") ? 1 : 3));
                }
            }
            case "decimal" -> {
                int p = 1 + r.nextInt(38);
                int sc = r.nextInt(Math.min(p, 6) + 1);
                s.append(r.nextInt(4) == 0 ? "decimal" : "decimal(" + p + ", " + sc + ")");
                if (s.toString().equals("decimal")) {
                    sc = 4;
                }
                s.append(optional()).append(index());
                if (r.nextBoolean()) {
                    String[][] ranges = {
                        {"0..100000", "1"}, {"0.01..99.99", sc >= 2 ? "1.00" : "1"}, {"-5..5", "0"}, {"1..1", "1"}
                    };
                    String[] range = pick(ranges);
                    s.append(" @range(").append(range[0]).append(')');
                    if (r.nextBoolean()) {
                        s.append(" = ").append(range[1]);
                    }
                } else if (r.nextBoolean() && sc >= 1) {
                    s.append(" = ").append(pick("19.9", "-3.5", "0.0", "42"));
                }
            }
            case "bool" -> s.append("bool").append(optional()).append(r.nextBoolean() ? " = " + r.nextBoolean() : "");
            case "uuid" ->
                s.append("uuid")
                        .append(optional())
                        .append(index())
                        .append(r.nextBoolean() ? " = \"123e4567-e89b-12d3-a456-426614174000\"" : "");
            case "timestamp" -> {
                s.append("timestamp").append(optional()).append(index());
                int c = r.nextInt(4);
                if (c == 0) {
                    s.append(" @created");
                } else if (c == 1) {
                    s.append(" @updated");
                } else if (c == 2) {
                    s.append(" = \"2024-05-01T10:00:00Z\"");
                }
            }
            case "date" ->
                s.append("date").append(optional()).append(index()).append(r.nextBoolean() ? " = \"2024-05-01\"" : "");
            default -> throw new IllegalArgumentException(kind);
        }
        return s.toString();
    }

    private void entity(EntitySpec e) {
        doc(0);
        open(0, "entity " + e.name());
        for (FieldSpec f : e.fields()) {
            comment(1);
            doc(1);
            line(1, f.name() + (r.nextBoolean() ? ": " : " :  ") + f.typeText());
        }
        comment(1);
        close(0);
    }

    // ---- apis ---------------------------------------------------------------------------

    private static final String[] OPERATIONS = {"list", "get", "create", "update", "delete"};

    private void api(String prefix, List<EntitySpec> exposed) {
        doc(0);
        if (exposed.isEmpty() && r.nextBoolean()) {
            out.append("api \"").append(prefix).append("\" {}");
            trailing();
            out.append('\n');
            return;
        }
        open(0, "api \"" + prefix + "\"");
        List<String> lines = new ArrayList<>();
        for (EntitySpec e : exposed) {
            String base = "/" + e.name().toLowerCase();
            String ops = "";
            if (r.nextBoolean()) {
                List<String> chosen = new ArrayList<>();
                for (String op : OPERATIONS) {
                    if (r.nextBoolean()) {
                        chosen.add(op + (r.nextInt(3) == 0 ? access() : ""));
                    }
                }
                if (chosen.isEmpty()) {
                    chosen.add("get");
                }
                ops = " { " + String.join(r.nextBoolean() ? ", " : " ", chosen) + " }";
            }
            lines.add("resource \"" + base + "\" " + e.name() + access() + ops);
            int routes = r.nextInt(3);
            for (int i = 0; i < routes; i++) {
                lines.add(route(e, base + "/q" + i));
            }
        }
        java.util.Collections.shuffle(lines, r);
        settings(1, lines);
        close(0);
    }

    private String route(EntitySpec e, String path) {
        List<FieldSpec> comparable =
                e.fields().stream().filter(FieldSpec::comparable).toList();
        StringBuilder p = new StringBuilder(path);
        List<String> where = new ArrayList<>();
        int conditions = r.nextInt(3);
        for (int i = 0; i < conditions; i++) {
            FieldSpec f = comparable.get(r.nextInt(comparable.size()));
            String param = "p" + i;
            if (r.nextBoolean()) {
                p.append("/{").append(param).append('}');
            } else {
                p.append("/by-").append(i);
            }
            where.add(f.name() + " == $" + param);
        }
        boolean many = conditions == 0 || r.nextBoolean();
        StringBuilder s = new StringBuilder("route GET \"")
                .append(p)
                .append("\" -> ")
                .append(e.name())
                .append(many ? "[]" : "");
        if (!where.isEmpty()) {
            s.append(" where ").append(String.join(" and ", where));
        }
        if (r.nextBoolean()) {
            s.append(" order by ")
                    .append(comparable.get(r.nextInt(comparable.size())).name())
                    .append(pick("", " asc", " desc"));
        }
        if (r.nextBoolean()) {
            s.append(" limit ").append(1 + r.nextInt(1000));
        }
        return s.append(access()).toString();
    }

    // ---- layout and comments ------------------------------------------------------------

    private void open(int depth, String header) {
        out.append("  ".repeat(depth)).append(header).append(" {");
        trailing();
        out.append('\n');
    }

    private void close(int depth) {
        out.append("  ".repeat(depth)).append('}');
        trailing();
        out.append('\n');
    }

    private void line(int depth, String content) {
        out.append("  ".repeat(depth)).append(content);
        trailing();
        out.append('\n');
        if (r.nextInt(8) == 0) {
            out.append('\n');
        }
    }

    private static final String[] WORDS = {
        "note",
        "TODO",
        "keep this",
        "ünïcode ✓",
        "a*b",
        "// nested?",
        "/ slash",
        "\"quoted\"",
        "{ brace }",
        "x",
        "@key",
        "$p"
    };

    private String words() {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(pick(WORDS)).append(names++);
        }
        return s.toString();
    }

    /** Maybe a comment on lines of its own at this depth. */
    private void comment(int depth) {
        if (!comments || r.nextInt(3) != 0) {
            return;
        }
        String indent = "  ".repeat(depth);
        switch (r.nextInt(3)) {
            case 0 -> out.append(indent).append("// ").append(words()).append('\n');
            case 1 -> out.append(indent).append("/* ").append(words()).append(" */\n");
            default ->
                out.append(indent)
                        .append("/* ")
                        .append(words())
                        .append("\n")
                        .append(indent)
                        .append("   ")
                        .append(words())
                        .append(" */\n");
        }
        if (r.nextInt(4) == 0) {
            out.append('\n');
        }
    }

    /** Maybe a doc comment above a declaration or field. */
    private void doc(int depth) {
        if (!comments || r.nextInt(3) != 0) {
            return;
        }
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            out.append("  ".repeat(depth)).append("/// ").append(words()).append('\n');
        }
    }

    /** Maybe a comment at the end of the current line. */
    private void trailing() {
        if (!comments || r.nextInt(4) != 0) {
            return;
        }
        if (r.nextBoolean()) {
            out.append("  // ").append(words());
        } else {
            out.append(" /* ").append(words()).append(" */");
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }
}
