package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/**
 * An access rule as written: {@code public}, or {@code requires role("a", "b")}. For
 * {@code public}, {@code requirement} is null and {@code roles} is empty; for {@code requires},
 * {@code requirement} is the word before the parenthesis (the checker accepts {@code role}).
 */
public record Access(boolean isPublic, Name requirement, List<RoleRef> roles, Span span) implements Node {
    public Access {
        roles = List.copyOf(roles);
    }

    /** A role name in a rule, {@code "clerk"}, with the span of its string. */
    public record RoleRef(String name, Span span) implements Node {}
}
