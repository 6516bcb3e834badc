package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/** {@code api "/prefix" { resource… route… }}; members keep their written order. */
public record ApiDecl(String prefix, Span prefixSpan, List<ApiMember> members, String doc, Span span) implements Decl {
    public ApiDecl {
        members = List.copyOf(members);
    }

    public List<Resource> resources() {
        return members.stream()
                .filter(Resource.class::isInstance)
                .map(Resource.class::cast)
                .toList();
    }

    public List<Route> routes() {
        return members.stream()
                .filter(Route.class::isInstance)
                .map(Route.class::cast)
                .toList();
    }
}
