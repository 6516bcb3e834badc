package dev.blueprint.lang.check;

import dev.blueprint.lang.syntax.Limits;

/**
 * The catalog of diagnostic codes. A code is never reused or renumbered; a retired check
 * keeps its number out of use. The language guide explains each one (a test keeps the two
 * in step).
 */
public enum Code {
    // syntax
    SYNTAX(
            "BP0001",
            Severity.ERROR,
            "The text does not follow the grammar.",
            "Read the message: it names what was expected and what was found; a missing ':' or '}' is the usual cause."),
    NESTED_TOO_DEEPLY(
            "BP0002",
            Severity.ERROR,
            "Blocks, lists and parentheses are nested more deeply than the language allows (" + Limits.MAX_DEPTH
                    + " levels); the file is not analysed.",
            "Close the brackets that were left open, or flatten the nesting: no blueprint needs more than a few levels."),
    FILE_TOO_LARGE(
            "BP0003",
            Severity.ERROR,
            "The file is larger than the language allows (" + Limits.MAX_FILE_CHARS
                    + " characters); it is not analysed.",
            "Split the blueprint into files that import each other."),
    LINE_TOO_LONG(
            "BP0004",
            Severity.ERROR,
            "A line is longer than the language allows (" + Limits.MAX_LINE_CHARS
                    + " characters); the file is not analysed.",
            "Break the line; a long list can hold one item per line."),
    TOO_MANY_DIAGNOSTICS(
            "BP0005",
            Severity.INFO,
            "A file has more diagnostics than are reported (" + Limits.MAX_DIAGNOSTICS_PER_FILE
                    + "); the rest are left out.",
            "Fix the first ones: most of the rest usually follow from them."),
    ANALYSIS_FAILED(
            "BP0006",
            Severity.ERROR,
            "The tools failed on this file (a bug in Blueprint, not in the file); the editor logged the failure.",
            "Report the failure with the file, from the editor's log; the rest of the workspace is analysed as usual."),

    // names, imports and declarations
    DUPLICATE_NAME(
            "BP0101",
            Severity.ERROR,
            "Two declarations share a name (entities and enums share one namespace; stores another).",
            "Rename one of the declarations (the diagnostic points at the later one)."),
    UNKNOWN_TYPE(
            "BP0102",
            Severity.ERROR,
            "A field's type is neither a built-in type nor a declared entity or enum.",
            "Use a built-in type (string, text, int, long, decimal, bool, uuid, timestamp, date) or declare the entity or enum; apply the suggested spelling."),
    UNKNOWN_ENTITY(
            "BP0103",
            Severity.ERROR,
            "A resource or route names an entity that is not declared.",
            "Declare the entity, or fix the spelling as suggested."),
    UNKNOWN_ENUM_MEMBER(
            "BP0104",
            Severity.ERROR,
            "A default names a member its enum does not have.",
            "Use one of the enum's members, or add the member to the enum."),
    UNKNOWN_STORE(
            "BP0105",
            Severity.ERROR,
            "A probe check names a store that is not declared.",
            "Name a declared store (or `main` when none is declared)."),
    MISSING_SERVICE(
            "BP0106",
            Severity.ERROR,
            "A program (a file and its imports) declares no service.",
            "Add `service Name { }` to the root file."),
    DUPLICATE_SERVICE(
            "BP0107",
            Severity.ERROR,
            "A program declares a second service.",
            "Keep one service per program; move the other into its own file."),
    IMPORT_NOT_FOUND(
            "BP0108",
            Severity.ERROR,
            "An imported file does not exist or cannot be read.",
            "Fix the path; it is relative to the importing file."),
    IMPORT_CYCLE(
            "BP0109",
            Severity.ERROR,
            "Files import each other in a cycle.",
            "Move what both files need into a third file that both import."),
    DUPLICATE_FIELD(
            "BP0110",
            Severity.ERROR,
            "An entity declares two fields with the same name.",
            "Rename or remove one of the fields."),
    DUPLICATE_MEMBER("BP0111", Severity.ERROR, "An enum lists the same member twice.", "Remove the repeated member."),
    DUPLICATE_BLOCK(
            "BP0112",
            Severity.ERROR,
            "A second server, probes, deploy or security block.",
            "Merge the two blocks into one."),
    ENUM_MEMBER_CASE(
            "BP0113",
            Severity.HINT,
            "Enum members are upper case by convention.",
            "Write the member in upper case (the quick fix does it)."),
    EMPTY_ENUM("BP0114", Severity.ERROR, "An enum has no members.", "List at least one member, or remove the enum."),

    // settings
    UNKNOWN_SETTING(
            "BP0201",
            Severity.ERROR,
            "A settings block has no key of this name.",
            "Use a key the block accepts (completion lists them); apply the suggested spelling."),
    WRONG_VALUE_TYPE(
            "BP0202",
            Severity.ERROR,
            "A setting's value is of the wrong kind (a string where a number belongs, …).",
            "Write a value of the kind the message names."),
    WRONG_UNIT(
            "BP0203",
            Severity.ERROR,
            "A quantity's unit does not fit the setting (a size where a duration belongs, …).",
            "Write the value with one of the units the message lists, like `30s` or `1MB`."),
    OUT_OF_RANGE(
            "BP0204",
            Severity.ERROR,
            "A setting's value is outside the bounds the key allows.",
            "Choose a value within the bounds the message gives."),
    DUPLICATE_SETTING("BP0205", Severity.ERROR, "A key is set twice in one block.", "Remove one of the two settings."),
    MIN_IDLE_ABOVE_MAX(
            "BP0206",
            Severity.ERROR,
            "A pool's min_idle is above its max_size.",
            "Lower min_idle to at most max_size, or raise max_size."),
    MISSING_SETTING(
            "BP0207",
            Severity.ERROR,
            "A required setting is missing (a postgres store needs a url).",
            "Add the setting the message names."),
    BAD_RANGE(
            "BP0208", Severity.ERROR, "A range's low end is above its high end.", "Write the low end first: `2..10`."),

    // entities
    MISSING_KEY(
            "BP0301", Severity.ERROR, "An entity has no @key field.", "Add a key field: `id: uuid @key` (or `long`)."),
    DUPLICATE_KEY(
            "BP0302",
            Severity.ERROR,
            "An entity has more than one @key field.",
            "Keep one @key; use @unique for other identifying fields."),
    ATTRIBUTE_MISMATCH(
            "BP0303",
            Severity.ERROR,
            "An attribute does not fit the field's type (@range on a string, …).",
            "Remove the attribute or change the field's type (@range for numbers, @length and @pattern for strings, @created/@updated for timestamps)."),
    BAD_DEFAULT(
            "BP0304",
            Severity.ERROR,
            "A default value does not fit the field's type or constraints.",
            "Write a default of the field's type that meets its constraints."),
    BAD_PATTERN(
            "BP0305",
            Severity.ERROR,
            "A @pattern is not a valid regular expression.",
            "Fix the regular expression (Java syntax); the message points at the problem."),
    UNKNOWN_ATTRIBUTE(
            "BP0306",
            Severity.ERROR,
            "An attribute that the language does not define.",
            "Use @key, @unique, @index, @range, @length, @pattern, @created or @updated."),
    BAD_TYPE_ARGUMENTS(
            "BP0307",
            Severity.ERROR,
            "A type's arguments are wrong: string(n) with n above 10,000, decimal(p, s) with s above p, …",
            "Use string(1..10000), decimal(precision 1..38, scale 0..precision); other types take no arguments."),
    BAD_ATTRIBUTE_ARGUMENTS(
            "BP0308",
            Severity.ERROR,
            "An attribute's arguments are missing or of the wrong kind.",
            "Give the arguments the attribute takes, like @range(1..100) or @pattern(\"[A-Z]+\")."),
    DUPLICATE_ATTRIBUTE(
            "BP0309", Severity.ERROR, "An attribute is written twice on one field.", "Remove the repeated attribute."),
    BAD_KEY_TYPE(
            "BP0310",
            Severity.ERROR,
            "A @key field is not uuid or long, or is optional or has a default.",
            "Make the key `uuid` or `long`, required, without a default."),

    // apis
    UNKNOWN_OPERATION(
            "BP0401",
            Severity.ERROR,
            "A resource lists an operation other than list, get, create, update, delete.",
            "List only list, get, create, update and delete."),
    CONFLICTING_ROUTE(
            "BP0402",
            Severity.ERROR,
            "Two operations answer the same method and path.",
            "Change the later path, or remove the operation the resource already provides."),
    PARAM_TYPE_CONFLICT(
            "BP0403",
            Severity.ERROR,
            "One $param is compared with fields of different types.",
            "Use a separate $parameter for each type."),
    UNKNOWN_FIELD(
            "BP0404",
            Severity.ERROR,
            "A where or order by names a field the entity lacks.",
            "Name a field of the route's entity; apply the suggested spelling."),
    UNUSED_PATH_PARAM(
            "BP0405",
            Severity.ERROR,
            "A path parameter {p} that the where does not use.",
            "Add `where field == $p` for the parameter, or remove it from the path."),
    UNSUPPORTED_METHOD(
            "BP0406",
            Severity.ERROR,
            "A route uses a method other than GET (routes are read queries).",
            "Write `route GET …`; writes go through resources."),
    BAD_PATH(
            "BP0407",
            Severity.ERROR,
            "A path does not start with '/', or has an unbalanced or empty {parameter}.",
            "Start paths with '/', balance braces, name each {parameter} once."),
    DUPLICATE_OPERATION(
            "BP0408", Severity.ERROR, "A resource lists an operation twice.", "Remove the repeated operation."),
    BAD_LIMIT(
            "BP0409", Severity.ERROR, "A route's limit is not a positive number.", "Write a positive limit, or none."),
    UNSORTABLE_FIELD(
            "BP0410",
            Severity.ERROR,
            "A where compares, or an order by sorts on, a field that cannot be compared (text).",
            "Compare and sort on string(n), number, date or enum fields, not text."),

    // production readiness
    POOL_ABOVE_WORKERS(
            "BP0501",
            Severity.WARNING,
            "A pool's max_size is above worker_threads: connections that can never be used.",
            "Lower the pool's max_size to at most worker_threads, or raise worker_threads."),
    POOL_ABOVE_CONNECTIONS(
            "BP0502",
            Severity.WARNING,
            "Replicas × pool max_size is above what the database allows (max_connections).",
            "Lower replicas, the autoscale maximum or max_size, or raise the database's max_connections."),
    EMBEDDED_STORE_REPLICATED(
            "BP0503",
            Severity.WARNING,
            "An embedded h2 store with more than one replica: each replica gets its own database.",
            "Use `engine postgres` for a replicated service, or run one replica."),
    REQUEST_TIMEOUT_TOO_SHORT(
            "BP0504",
            Severity.WARNING,
            "request_timeout is not above the pool's connect_timeout.",
            "Make request_timeout longer than the pool's connect_timeout."),
    READINESS_CHECKS_NOTHING(
            "BP0505",
            Severity.WARNING,
            "The readiness probe checks no store while stores exist.",
            "List the stores readiness depends on: `checks [main]`."),
    UNUSED_ENTITY(
            "BP0506",
            Severity.WARNING,
            "An entity that no API exposes and nothing references.",
            "Expose the entity with a resource or route, reference it, or remove it."),
    LITERAL_SECRET(
            "BP0507",
            Severity.WARNING,
            "A secret (a store password or an API key) written as a literal instead of env(\"…\").",
            "Write `password env(\"DATABASE_PASSWORD\")` or `key env(\"DESK_API_KEY\")` (the quick fix does it for keys) and set the variable where the service runs."),

    // security
    REQUIRES_WITHOUT_AUTHENTICATION(
            "BP0701",
            Severity.ERROR,
            "A rule requires a role, but the service authenticates nobody: the rule could not be enforced.",
            "Configure `api_keys` or `jwt` in the security block, or remove the rule."),
    UNKNOWN_ROLE(
            "BP0702",
            Severity.ERROR,
            "A rule or an API key client names a role that security's roles does not declare.",
            "Declare the role in `security { roles [\"…\"] }`, or apply the suggested spelling."),
    UNUSED_ROLE(
            "BP0703",
            Severity.WARNING,
            "A declared role that no access rule requires: holding it grants nothing.",
            "Require the role on a resource, an operation or a route, or remove it from roles."),
    CORS_ANY_ORIGIN_WITH_CREDENTIALS(
            "BP0704",
            Severity.ERROR,
            "CORS allows any origin (\"*\") with credentials: every web site could make calls carrying its visitors' credentials.",
            "List the origins that may call the API, or set `credentials false`."),
    JWT_WITHOUT_AUDIENCE(
            "BP0705",
            Severity.WARNING,
            "JWT authentication without an audience accepts tokens the issuer made for any other service.",
            "Add `audience \"…\"` (the name the identity provider uses for this service) to the jwt block."),
    JWT_KEY_SOURCE(
            "BP0706",
            Severity.ERROR,
            "A jwt block gives neither or both of jwks_url and public_key.",
            "Give the issuer's keys one way: `jwks_url \"https://…/jwks.json\"` or `public_key env(\"JWT_PUBLIC_KEY\")`."),
    BAD_REQUIREMENT(
            "BP0707",
            Severity.ERROR,
            "A `requires` names something other than role(…), or lists no role, or a role twice.",
            "Write `requires role(\"name\")`, with one or more distinct role names."),
    MANAGEMENT_PORT_CLASH(
            "BP0708",
            Severity.ERROR,
            "The management port is the same as the main port.",
            "Choose a different management_port, or remove it to serve probes and metrics on the main port."),
    SHARED_API_KEY(
            "BP0709",
            Severity.ERROR,
            "Two API clients take their key from the same environment variable (or write the same key): one key cannot name two clients, and the service refuses to start.",
            "Give each client a variable of its own, like env(\"DESK_API_KEY\") and env(\"ADMIN_API_KEY\")."),

    // tooling
    STALE_GENERATED(
            "BP0601",
            Severity.INFO,
            "The generated project is older than the blueprint it came from.",
            "Generate the service again.");

    private final String id;
    private final Severity severity;
    private final String summary;
    private final String howToFix;

    Code(String id, Severity severity, String summary, String howToFix) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
        this.howToFix = howToFix;
    }

    /** What usually resolves it, for the guide and for hover on a diagnostic. */
    public String howToFix() {
        return howToFix;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }
}
