package dev.blueprint.lang.resolve;

import dev.blueprint.lang.model.Node;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;

/**
 * A declared name: what it is, where its name stands, and the model node it names.
 * {@code owner} is the entity of a field and the enum of a member, else null.
 */
public record Symbol(Kind kind, String name, Path file, Span nameSpan, Node node, Symbol owner) {

  public enum Kind {
    SERVICE("service"),
    ENTITY("entity"),
    ENUM("enum"),
    ENUM_MEMBER("enum member"),
    FIELD("field"),
    STORE("store");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** "Customer.email", "Status.OPEN", "Customer". */
  public String qualifiedName() {
    return owner == null ? name : owner.name() + "." + name;
  }
}
