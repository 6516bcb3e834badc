package dev.blueprint.runtime;

import java.util.Set;

/**
 * The authenticated caller of a request.
 *
 * @param name    the API key client's name, or the JWT's {@code sub}
 * @param scheme  how the caller authenticated: {@code "ApiKey"} or {@code "Bearer"}
 * @param roles   the roles the credential holds
 */
public record Principal(String name, String scheme, Set<String> roles) {

    public Principal {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a principal has a name");
        if (scheme == null || scheme.isEmpty()) throw new IllegalArgumentException("a principal has a scheme");
        roles = Set.copyOf(roles);
    }

    /** Whether the caller holds {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
