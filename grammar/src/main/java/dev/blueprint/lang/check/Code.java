package dev.blueprint.lang.check;

/**
 * The catalog of diagnostic codes. A code is never reused or renumbered; a retired check
 * keeps its number out of use. The language guide explains each one (a test keeps the two
 * in step).
 */
public enum Code {
  // syntax
  SYNTAX("BP0001", Severity.ERROR, "The text does not follow the grammar."),

  // names, imports and declarations
  DUPLICATE_NAME("BP0101", Severity.ERROR, "Two declarations share a name (entities and enums share one namespace; stores another)."),
  UNKNOWN_TYPE("BP0102", Severity.ERROR, "A field's type is neither a built-in type nor a declared entity or enum."),
  UNKNOWN_ENTITY("BP0103", Severity.ERROR, "A resource or route names an entity that is not declared."),
  UNKNOWN_ENUM_MEMBER("BP0104", Severity.ERROR, "A default names a member its enum does not have."),
  UNKNOWN_STORE("BP0105", Severity.ERROR, "A probe check names a store that is not declared."),
  MISSING_SERVICE("BP0106", Severity.ERROR, "A program (a file and its imports) declares no service."),
  DUPLICATE_SERVICE("BP0107", Severity.ERROR, "A program declares a second service."),
  IMPORT_NOT_FOUND("BP0108", Severity.ERROR, "An imported file does not exist or cannot be read."),
  IMPORT_CYCLE("BP0109", Severity.ERROR, "Files import each other in a cycle."),
  DUPLICATE_FIELD("BP0110", Severity.ERROR, "An entity declares two fields with the same name."),
  DUPLICATE_MEMBER("BP0111", Severity.ERROR, "An enum lists the same member twice."),
  DUPLICATE_BLOCK("BP0112", Severity.ERROR, "A second server, probes or deploy block."),
  ENUM_MEMBER_CASE("BP0113", Severity.HINT, "Enum members are upper case by convention."),
  EMPTY_ENUM("BP0114", Severity.ERROR, "An enum has no members."),

  // settings
  UNKNOWN_SETTING("BP0201", Severity.ERROR, "A settings block has no key of this name."),
  WRONG_VALUE_TYPE("BP0202", Severity.ERROR, "A setting's value is of the wrong kind (a string where a number belongs, …)."),
  WRONG_UNIT("BP0203", Severity.ERROR, "A quantity's unit does not fit the setting (a size where a duration belongs, …)."),
  OUT_OF_RANGE("BP0204", Severity.ERROR, "A setting's value is outside the bounds the key allows."),
  DUPLICATE_SETTING("BP0205", Severity.ERROR, "A key is set twice in one block."),
  MIN_IDLE_ABOVE_MAX("BP0206", Severity.ERROR, "A pool's min_idle is above its max_size."),
  MISSING_SETTING("BP0207", Severity.ERROR, "A required setting is missing (a postgres store needs a url)."),
  BAD_RANGE("BP0208", Severity.ERROR, "A range's low end is above its high end."),

  // entities
  MISSING_KEY("BP0301", Severity.ERROR, "An entity has no @key field."),
  DUPLICATE_KEY("BP0302", Severity.ERROR, "An entity has more than one @key field."),
  ATTRIBUTE_MISMATCH("BP0303", Severity.ERROR, "An attribute does not fit the field's type (@range on a string, …)."),
  BAD_DEFAULT("BP0304", Severity.ERROR, "A default value does not fit the field's type or constraints."),
  BAD_PATTERN("BP0305", Severity.ERROR, "A @pattern is not a valid regular expression."),
  UNKNOWN_ATTRIBUTE("BP0306", Severity.ERROR, "An attribute that the language does not define."),
  BAD_TYPE_ARGUMENTS("BP0307", Severity.ERROR, "A type's arguments are wrong: string(n) with n above 10,000, decimal(p, s) with s above p, …"),
  BAD_ATTRIBUTE_ARGUMENTS("BP0308", Severity.ERROR, "An attribute's arguments are missing or of the wrong kind."),
  DUPLICATE_ATTRIBUTE("BP0309", Severity.ERROR, "An attribute is written twice on one field."),
  BAD_KEY_TYPE("BP0310", Severity.ERROR, "A @key field is not uuid or long, or is optional or has a default."),

  // apis
  UNKNOWN_OPERATION("BP0401", Severity.ERROR, "A resource lists an operation other than list, get, create, update, delete."),
  CONFLICTING_ROUTE("BP0402", Severity.ERROR, "Two operations answer the same method and path."),
  PARAM_TYPE_CONFLICT("BP0403", Severity.ERROR, "One $param is compared with fields of different types."),
  UNKNOWN_FIELD("BP0404", Severity.ERROR, "A where or order by names a field the entity lacks."),
  UNUSED_PATH_PARAM("BP0405", Severity.ERROR, "A path parameter {p} that the where does not use."),
  UNSUPPORTED_METHOD("BP0406", Severity.ERROR, "A route uses a method other than GET (routes are read queries)."),
  BAD_PATH("BP0407", Severity.ERROR, "A path does not start with '/', or has an unbalanced or empty {parameter}."),
  DUPLICATE_OPERATION("BP0408", Severity.ERROR, "A resource lists an operation twice."),
  BAD_LIMIT("BP0409", Severity.ERROR, "A route's limit is not a positive number."),
  UNSORTABLE_FIELD("BP0410", Severity.ERROR, "A where compares, or an order by sorts on, a field that cannot be compared (text)."),

  // production readiness
  POOL_ABOVE_WORKERS("BP0501", Severity.WARNING, "A pool's max_size is above worker_threads: connections that can never be used."),
  POOL_ABOVE_CONNECTIONS("BP0502", Severity.WARNING, "Replicas × pool max_size is above what the database allows (max_connections)."),
  EMBEDDED_STORE_REPLICATED("BP0503", Severity.WARNING, "An embedded h2 store with more than one replica: each replica gets its own database."),
  REQUEST_TIMEOUT_TOO_SHORT("BP0504", Severity.WARNING, "request_timeout is not above the pool's connect_timeout."),
  READINESS_CHECKS_NOTHING("BP0505", Severity.WARNING, "The readiness probe checks no store while stores exist."),
  UNUSED_ENTITY("BP0506", Severity.WARNING, "An entity that no API exposes and nothing references."),
  LITERAL_SECRET("BP0507", Severity.WARNING, "A password written as a literal instead of env(\"…\")."),

  // tooling
  STALE_GENERATED("BP0601", Severity.INFO, "The generated project is older than the blueprint it came from.");

  private final String id;
  private final Severity severity;
  private final String summary;

  Code(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
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
