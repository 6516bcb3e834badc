package dev.blueprint.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call a route: {@link #PUBLIC} (anyone, even when the service authenticates), {@link #AUTHENTICATED}
 * (any valid credential) or {@link #anyRole} (a valid credential holding at least one of the roles). A route
 * registered without an access rule is {@code AUTHENTICATED} when the service authenticates and open when it
 * does not.
 *
 * @param kind   which rule
 * @param roles  for {@link Kind#ROLES}, the roles of which the caller needs one (never empty); empty otherwise
 */
public record Access(Kind kind, List<String> roles) {

    /** The kinds of rule. */
    public enum Kind {
        /** Anyone. */
        PUBLIC,
        /** Any valid credential. */
        AUTHENTICATED,
        /** A valid credential holding one of the roles. */
        ROLES
    }

    /** Anyone may call the route. */
    public static final Access PUBLIC = new Access(Kind.PUBLIC, List.of());

    /** Any caller with a valid credential may call the route. */
    public static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, List.of());

    public Access {
        if (kind == null) throw new IllegalArgumentException("access kind is required");
        roles = List.copyOf(roles);
        if (kind == Kind.ROLES && roles.isEmpty())
            throw new IllegalArgumentException("a role rule names at least one role");
        if (kind != Kind.ROLES && !roles.isEmpty()) throw new IllegalArgumentException(kind + " access takes no roles");
        Set<String> seen = new LinkedHashSet<>();
        for (String role : roles) {
            if (role == null || role.isBlank()) throw new IllegalArgumentException("a role name must not be blank");
            if (!seen.add(role)) throw new IllegalArgumentException("role " + role + " is named twice");
        }
    }

    /** Callers holding at least one of {@code roles}. */
    public static Access anyRole(String... roles) {
        return new Access(Kind.ROLES, List.of(roles));
    }

    /** Whether the rule needs a credential. */
    public boolean needsCredential() {
        return kind != Kind.PUBLIC;
    }

    @Override
    public String toString() {
        return kind == Kind.ROLES ? "anyRole(" + String.join(", ", roles) + ")" : kind.name();
    }
}
